package dev.bulwark.central.alerts;

import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An alert as central stores it.
 *
 * @param clusterName the name of the subject's cluster now
 * @param subject the deployment (or denied object) as it was when last seen
 * @param resolvedAt when it was resolved; null unless {@link AlertState#RESOLVED}
 * @param resolution why; null unless resolved
 * @param resolvedBy the name of the token that resolved it by hand; null otherwise
 * @param comment the comment given when resolved by hand; null otherwise
 * @param admission the denied admission request; null unless {@link AlertState#ATTEMPTED}
 */
public record Alert(
    UUID id,
    String clusterName,
    AlertSubject subject,
    String policyId,
    String policyName,
    Severity severity,
    LifecycleStage stage,
    AlertState state,
    List<String> messages,
    List<EnforcementAction> enforcement,
    Instant firstSeen,
    Instant lastSeen,
    @Nullable Instant resolvedAt,
    @Nullable AlertResolution resolution,
    @Nullable String resolvedBy,
    @Nullable String comment,
    @Nullable Admission admission) {
  public Alert {
    messages = List.copyOf(messages);
    enforcement = List.copyOf(enforcement);
  }

  /**
   * The admission request behind an ATTEMPTED alert.
   *
   * @param requestUid the AdmissionReview's request uid
   * @param operation CREATE, UPDATE, DELETE or CONNECT
   * @param apiVersion the object's apiVersion
   */
  public record Admission(String requestUid, String operation, String apiVersion) {}
}
