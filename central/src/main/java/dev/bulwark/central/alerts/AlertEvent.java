package dev.bulwark.central.alerts;

import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Something that happened to an alert and that people may need to hear about.
 *
 * @param kind what happened
 * @param alertId the alert
 * @param clusterName the name of the subject's cluster
 * @param subject the deployment (or, for ATTEMPTED, the object admission denied)
 * @param policyId the policy
 * @param policyName its name
 * @param severity its severity
 * @param stage the stage the violation was found at
 * @param messages what violates the policy
 * @param at when it happened
 */
public record AlertEvent(
    Kind kind,
    UUID alertId,
    String clusterName,
    AlertSubject subject,
    String policyId,
    String policyName,
    Severity severity,
    LifecycleStage stage,
    List<String> messages,
    Instant at) {
  public AlertEvent {
    messages = List.copyOf(messages);
  }

  /** What happened to the alert. */
  public enum Kind {
    /** A new ACTIVE alert. */
    NEW,
    /** An alert was resolved (fixed, deleted, or by hand). */
    RESOLVED,
    /** Admission denied an object (an ATTEMPTED alert). */
    ATTEMPTED
  }
}
