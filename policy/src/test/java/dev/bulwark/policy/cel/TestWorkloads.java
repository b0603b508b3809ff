package dev.bulwark.policy.cel;

import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerType;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.core.workload.Resources;
import dev.bulwark.core.workload.SecurityContext;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.engine.EvaluationInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Workload views built by hand, standing in for the workload extractor in tests. */
final class TestWorkloads {
  static final FieldPath CONTAINERS = FieldPath.of("spec", "template", "spec", "containers");

  private TestWorkloads() {}

  static EvaluationInput input(ManifestObject object) {
    return new EvaluationInput(object, null, null, ImageDataProvider.NONE, "", Instant.EPOCH);
  }

  static EvaluationInput input(
      ManifestObject object, List<Container> containers, @Nullable WorkloadContext context) {
    Workload workload =
        new Workload(
            object,
            object.kind(),
            object.name(),
            "default",
            object.labels(),
            object.annotations(),
            Map.of("app", "web"),
            Map.of(),
            FieldPath.of("spec", "template", "spec"),
            3,
            false,
            false,
            false,
            "default",
            true,
            null,
            List.of(),
            containers,
            Map.of(),
            List.of());
    return new EvaluationInput(
        object, workload, context, ImageDataProvider.NONE, "", Instant.EPOCH);
  }

  static Container container(String name, int index, @Nullable Boolean privileged) {
    return container(name, index, privileged, List.of());
  }

  static Container container(
      String name, int index, @Nullable Boolean privileged, List<EnvVar> env) {
    return new Container(
        name,
        ContainerType.REGULAR,
        new ImageRef("nginx", "docker.io", "library/nginx", "latest", null),
        securityContext(privileged),
        new Resources(0.5, null, null, null),
        List.of(),
        env,
        List.of(),
        List.of(),
        null,
        CONTAINERS.index(index));
  }

  static SecurityContext securityContext(@Nullable Boolean privileged) {
    return new SecurityContext(
        privileged,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of("ALL"),
        null,
        null,
        null,
        Map.of());
  }
}
