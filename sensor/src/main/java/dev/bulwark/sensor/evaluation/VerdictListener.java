package dev.bulwark.sensor.evaluation;

/**
 * Hears the sensor's verdicts: enforcement and the PolicyReport writer are listeners. Called on the
 * evaluation thread, one call at a time, in the order of evaluation; an implementation must return
 * quickly (queue slow work such as API calls) and must not throw (it reports its own failures).
 */
public interface VerdictListener {
  /** A deployment was evaluated (on a change of it or of its context, or of the policy set). */
  void evaluated(DeploymentVerdict verdict);

  /** A deployment is gone from the cluster. */
  void removed(DeploymentRef deployment);
}
