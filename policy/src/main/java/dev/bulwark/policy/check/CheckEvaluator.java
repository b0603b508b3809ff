package dev.bulwark.policy.check;

import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import org.jspecify.annotations.Nullable;

/**
 * A native check bound to its parameters. Immutable and thread-safe; evaluation is pure and reports
 * every violation to the findings it is given.
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

  /**
   * For checks about references between objects, judged once the whole input has been read. While
   * the input is read, {@link #defer} is called for every object and keeps what the judgement needs
   * (names, selectors, where the fields were written), never the object itself, so that memory
   * stays bounded; after the last object, the engine judges what was kept against an {@link
   * InputIndex} of every object.
   */
  @FunctionalInterface
  non-sealed interface AcrossInput extends CheckEvaluator {
    /** What to judge about this object once the input is read; null when there is nothing. */
    @Nullable Deferred defer(ManifestObject object, @Nullable Workload workload);
  }

  /** What an {@link AcrossInput} check kept of one object. Immutable; judging is pure. */
  @FunctionalInterface
  interface Deferred {
    void judge(InputIndex input, LocatedFindings findings);
  }
}
