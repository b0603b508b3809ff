package dev.bulwark.sensor.enforcement;

import dev.bulwark.policy.model.EnforcementAction;

/**
 * What enforcement will do for one action a violated policy asks for.
 *
 * @param action the policy's action this serves
 * @param operation the change to make
 * @param reason for {@link Operation#NOT_APPLICABLE}: why nothing can be done; else empty
 */
record PlannedAction(EnforcementAction action, Operation operation, String reason) {
  /** The changes enforcement makes. */
  enum Operation {
    /** {@code spec.replicas} to 0. */
    SCALE_TO_ZERO,
    /** {@code spec.suspend} to true (CronJobs). */
    SUSPEND,
    /** A node selector no node has, in the pod template. */
    NODE_CONSTRAINT,
    /** Nothing: the kind cannot take the action; recorded as not applied. */
    NOT_APPLICABLE
  }

  static PlannedAction of(EnforcementAction action, Operation operation) {
    return new PlannedAction(action, operation, "");
  }

  static PlannedAction notApplicable(EnforcementAction action, String reason) {
    return new PlannedAction(action, Operation.NOT_APPLICABLE, reason);
  }
}
