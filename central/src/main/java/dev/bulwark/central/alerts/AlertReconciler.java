package dev.bulwark.central.alerts;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Turns evaluations of deployments into alert changes. Called by the inventory inside the
 * transaction that stored the change, so that an acknowledged change and its alerts commit
 * together. Implementations are thread-safe and idempotent: reporting the same evaluation twice
 * changes nothing the second time.
 */
public interface AlertReconciler {
  /** One deployment's evaluation at the deploy stage: the policies it violates, exactly. */
  record Evaluation(AlertSubject subject, List<DetectedViolation> violations) {
    public Evaluation {
      violations = List.copyOf(violations);
    }
  }

  /**
   * Records that each subject was just evaluated at the deploy stage with every enabled policy and
   * violates exactly its violations: an alert opens (ACTIVE) for each newly violated policy, an
   * open one is updated (messages, last seen) for each still violated, and every other ACTIVE
   * deploy-stage alert of the deployment is resolved (fixed, or its policy was disabled or
   * deleted). Runtime and ATTEMPTED alerts are left alone. When a deployment appears more than
   * once, its last evaluation counts. The inventory reports all the deployments a change evaluated
   * in one call, so that an implementation can reconcile them in a few statements, not one each.
   */
  void evaluatedAll(Handle handle, List<Evaluation> evaluations, Instant at);

  /** {@link #evaluatedAll} for one deployment. */
  default void evaluated(
      Handle handle, AlertSubject subject, List<DetectedViolation> violations, Instant at) {
    evaluatedAll(handle, List.of(new Evaluation(subject, violations)), at);
  }

  /** Resolves every ACTIVE alert of the deployment: it was deleted from its cluster. */
  void removed(Handle handle, AlertSubject subject, Instant at);
}
