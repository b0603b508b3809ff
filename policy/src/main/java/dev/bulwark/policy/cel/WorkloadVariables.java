package dev.bulwark.policy.cel;

import dev.bulwark.core.context.ExposedPort;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerPort;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.core.workload.Probe;
import dev.bulwark.core.workload.Resources;
import dev.bulwark.core.workload.SecurityContext;
import dev.bulwark.core.workload.Volume;
import dev.bulwark.core.workload.VolumeMount;
import dev.bulwark.core.workload.Workload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code workload} and {@code container} variables: the extracted workload view as CEL maps.
 * Fields that are not set are left out rather than mapped to null, so that rules test them with
 * {@code has()}. Whole numbers are Long (CEL's int), enums their upper-case names. The schema is
 * documented in this package's README.md; keep both in step.
 */
final class WorkloadVariables {
  private WorkloadVariables() {}

  static Map<String, Object> workload(
      Workload workload, @Nullable WorkloadContext context, List<Map<String, Object>> containers) {
    Fields fields =
        new Fields()
            .put("kind", workload.kind())
            .put("name", workload.name())
            .put("namespace", workload.namespace())
            .put("labels", workload.labels())
            .put("annotations", workload.annotations())
            .put("podLabels", workload.podLabels())
            .put("podAnnotations", workload.podAnnotations())
            .putIfSet("replicas", longOrNull(workload.replicas()))
            .put("hostNetwork", workload.hostNetwork())
            .put("hostPid", workload.hostPid())
            .put("hostIpc", workload.hostIpc())
            .put("serviceAccountName", workload.serviceAccountName())
            .put("automountServiceAccountToken", workload.automountServiceAccountToken())
            .putIfSet("runtimeClassName", workload.runtimeClassName())
            .put("nodeSelector", workload.nodeSelector())
            .put("sysctls", workload.sysctls())
            .put("volumes", each(workload.volumes(), WorkloadVariables::volume))
            .put("containers", containers);
    if (context != null) {
      fields
          .put("exposedPorts", each(context.exposedPorts(), WorkloadVariables::exposedPort))
          .put("hasIngressPolicy", context.hasIngressPolicy())
          .put("hasEgressPolicy", context.hasEgressPolicy())
          .put("rbacLevel", context.rbacLevel().name())
          .put("namespaceLabels", context.namespaceLabels())
          .put("serviceAccountKnown", context.serviceAccountKnown())
          // The context also knows the ServiceAccount's own setting, so its answer is the better
          // one.
          .put("automountServiceAccountToken", context.automountServiceAccountToken());
    }
    return fields.build();
  }

  static Map<String, Object> container(Container container) {
    return new Fields()
        .put("name", container.name())
        .put("type", container.type().name())
        .put("image", image(container.image()))
        .put("securityContext", securityContext(container.securityContext()))
        .put("resources", resources(container.resources()))
        .put("ports", each(container.ports(), WorkloadVariables::port))
        .put("env", each(container.env(), WorkloadVariables::env))
        .put("volumeMounts", each(container.volumeMounts(), WorkloadVariables::volumeMount))
        .put("probes", each(container.probes(), WorkloadVariables::probe))
        .putIfSet("imagePullPolicy", container.imagePullPolicy())
        .build();
  }

  private static Map<String, Object> image(ImageRef image) {
    return new Fields()
        .put("fullName", image.fullName())
        .put("registry", image.registry())
        .put("remote", image.remote())
        .putIfSet("tag", image.tag())
        .putIfSet("digest", image.digest())
        .build();
  }

  private static Map<String, Object> securityContext(SecurityContext context) {
    return new Fields()
        .putIfSet("privileged", context.privileged())
        .putIfSet("allowPrivilegeEscalation", context.allowPrivilegeEscalation())
        .putIfSet("readOnlyRootFilesystem", context.readOnlyRootFilesystem())
        .putIfSet("runAsNonRoot", context.runAsNonRoot())
        .putIfSet("runAsUser", context.runAsUser())
        .putIfSet("runAsGroup", context.runAsGroup())
        .put("addCapabilities", context.addCapabilities())
        .put("dropCapabilities", context.dropCapabilities())
        .putIfSet("seccompProfileType", context.seccompProfileType())
        .putIfSet("appArmorProfile", context.appArmorProfile())
        .putIfSet("procMount", context.procMount())
        .build();
  }

  private static Map<String, Object> resources(Resources resources) {
    return new Fields()
        .putIfSet("cpuRequestCores", resources.cpuRequestCores())
        .putIfSet("cpuLimitCores", resources.cpuLimitCores())
        .putIfSet("memoryRequestMb", resources.memoryRequestMb())
        .putIfSet("memoryLimitMb", resources.memoryLimitMb())
        .build();
  }

  private static Map<String, Object> port(ContainerPort port) {
    return new Fields()
        .putIfSet("name", port.name())
        .put("containerPort", (long) port.containerPort())
        .put("hostPort", (long) port.hostPort())
        .put("protocol", port.protocol())
        .build();
  }

  // RAW values are handed to rules as well: a rule may need to test a flag's value. Printing one
  // in a messageExpression is the rule author's decision (it may be a secret).
  private static Map<String, Object> env(EnvVar env) {
    return new Fields()
        .put("name", env.name())
        .put("source", env.source().name())
        .put("value", env.value())
        .build();
  }

  private static Map<String, Object> volumeMount(VolumeMount mount) {
    Volume volume = mount.volume();
    return new Fields()
        .put("name", mount.name())
        .put("mountPath", mount.mountPath())
        .put("readOnly", mount.readOnly())
        .put("propagation", mount.propagation().name())
        .putIfSet("volumeType", volume == null ? null : volume.type())
        .putIfSet("volumeSource", volume == null ? null : volume.source())
        .build();
  }

  private static Map<String, Object> probe(Probe probe) {
    return new Fields()
        .put("kind", probe.kind().name())
        .put("handler", probe.handler().name())
        .putIfSet("port", probe.port())
        .build();
  }

  private static Map<String, Object> volume(Volume volume) {
    return new Fields()
        .put("name", volume.name())
        .put("type", volume.type())
        .put("source", volume.source())
        .build();
  }

  private static Map<String, Object> exposedPort(ExposedPort port) {
    return new Fields()
        .put("containerPort", (long) port.containerPort())
        .put("protocol", port.protocol())
        .put("exposure", port.exposure().name())
        .put("nodePort", (long) port.nodePort())
        .putIfSet("via", port.via())
        .build();
  }

  private static <T> List<Map<String, Object>> each(
      List<T> items, Function<T, Map<String, Object>> view) {
    return items.stream().map(view).toList();
  }

  private static @Nullable Long longOrNull(@Nullable Integer value) {
    return value == null ? null : value.longValue();
  }

  /** An insertion-ordered map under construction that skips unset values. */
  private static final class Fields {
    private final Map<String, Object> values = new LinkedHashMap<>();

    Fields put(String name, Object value) {
      values.put(name, value);
      return this;
    }

    Fields putIfSet(String name, @Nullable Object value) {
      if (value != null) {
        values.put(name, value);
      }
      return this;
    }

    Map<String, Object> build() {
      return Collections.unmodifiableMap(values);
    }
  }
}
