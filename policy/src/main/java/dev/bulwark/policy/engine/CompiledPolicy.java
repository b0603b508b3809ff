package dev.bulwark.policy.engine;

import dev.bulwark.policy.model.Policy;

/**
 * A policy compiled once: regexes, comparators and CEL programs prepared. Immutable and
 * thread-safe.
 */
public interface CompiledPolicy {
  Policy policy();

  /** True when some criterion needs image scan data or metadata (the admission slow path). */
  boolean requiresImageData();

  /** True when some criterion is a runtime criterion (process, network, audit log, kube event). */
  boolean hasRuntimeCriteria();

  /**
   * True when the policy also reads objects that run no pods (it has CEL rules, per-object native
   * checks or checks judged across the input); criteria sections and per-container checks read
   * workloads only.
   */
  boolean evaluatesEveryObject();

  /**
   * True when some of its native checks compare an object with the rest of the input: they are
   * judged by {@link DeferredOutcome#judge} once the whole input is read.
   */
  boolean judgesAcrossInput();
}
