package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import org.jspecify.annotations.Nullable;

/**
 * A native check bound to its parameters. Immutable and thread-safe; evaluation is pure and reports
 * every violation to the {@link Findings} it is given.
 */
public sealed interface CheckEvaluator {

  /** Called once for every object, workload or not. */
  @FunctionalInterface
  non-sealed interface PerObject extends CheckEvaluator {
    void evaluate(ManifestObject object, @Nullable Workload workload, Findings findings);
  }

  /** Called once for every container the policy evaluates (its container-type filter applies). */
  @FunctionalInterface
  non-sealed interface PerContainer extends CheckEvaluator {
    void evaluate(Container container, Workload workload, Findings findings);
  }
}
