package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.ManifestObject;
import java.util.Optional;

/**
 * Builds the {@link Workload} view of an object. Pure and thread-safe. Detects pod templates by
 * shape (a bare Pod's {@code spec.containers}, {@code spec.template.spec.containers}, {@code
 * spec.jobTemplate.spec.template.spec.containers}, and the same shapes in any custom resource), not
 * by a list of kinds.
 */
public final class WorkloadExtractor {
  private WorkloadExtractor() {}

  /** The workload view, or empty when the object embeds no pod spec. */
  public static Optional<Workload> extract(ManifestObject object) {
    throw new UnsupportedOperationException("implemented by the workload feature");
  }
}
