package dev.bulwark.central.alerts;

import dev.bulwark.policy.model.Severity;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which alerts a list shows; every null (or empty) part matches all alerts, and the parts combine
 * with AND.
 *
 * @param states any of these states
 * @param clusterId this cluster's alerts
 * @param namespace alerts of deployments in this namespace
 * @param policyId alerts of this policy
 * @param severities any of these severities
 * @param deployment alerts whose deployment has this uid or this name
 * @param since last seen at or after this time
 * @param until last seen before this time
 */
public record AlertFilter(
    Set<AlertState> states,
    @Nullable UUID clusterId,
    @Nullable String namespace,
    @Nullable String policyId,
    Set<Severity> severities,
    @Nullable String deployment,
    @Nullable Instant since,
    @Nullable Instant until) {
  /** Every alert. */
  public static final AlertFilter ALL =
      new AlertFilter(Set.of(), null, null, null, Set.of(), null, null, null);

  public AlertFilter {
    states = Set.copyOf(states);
    severities = Set.copyOf(severities);
  }
}
