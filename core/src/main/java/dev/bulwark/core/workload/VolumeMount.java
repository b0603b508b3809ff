package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import org.jspecify.annotations.Nullable;

/**
 * A container's mount of a pod volume, joined with that volume. {@code volume} is null when the
 * mount names a volume the pod does not declare; for a hostPath volume mounted with a {@code
 * subPath}, its source is the host path actually mounted (the volume's path joined with the sub
 * path, cleaned). {@code propagation} is NONE, HOSTTOCONTAINER or BIDIRECTIONAL.
 */
public record VolumeMount(
    String name,
    String mountPath,
    boolean readOnly,
    Propagation propagation,
    @Nullable Volume volume,
    FieldPath path) {
  public enum Propagation {
    NONE,
    HOSTTOCONTAINER,
    BIDIRECTIONAL
  }
}
