package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One container of a workload with everything policies read from it.
 *
 * @param path path of this container in the object, e.g. {@code spec.template.spec.containers[0]}
 */
public record Container(
    String name,
    ContainerType type,
    ImageRef image,
    SecurityContext securityContext,
    Resources resources,
    List<ContainerPort> ports,
    List<EnvVar> env,
    List<VolumeMount> volumeMounts,
    List<Probe> probes,
    @Nullable String imagePullPolicy,
    FieldPath path) {
  public Container {
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    volumeMounts = List.copyOf(volumeMounts);
    probes = List.copyOf(probes);
  }

  public Optional<Probe> probe(Probe.Kind kind) {
    return probes.stream().filter(probe -> probe.kind() == kind).findFirst();
  }
}
