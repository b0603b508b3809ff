package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;

/**
 * A pod volume. {@code type} is the volume source key as Kubernetes names it ({@code hostPath},
 * {@code secret}, {@code configMap}, {@code emptyDir}, {@code persistentVolumeClaim}, ...; {@code
 * emptyDir} when no source is given, as the API server defaults it); {@code source} is what it
 * points at (host path, secret name, claim name, {@code server:path} for NFS, CSI driver, ...;
 * empty if none).
 */
public record Volume(String name, String type, String source, FieldPath path) {}
