package dev.bulwark.central.alerts;

import dev.bulwark.central.jobs.SingletonJob;
import java.time.Clock;
import java.time.Duration;

/**
 * Deletes RESOLVED and ATTEMPTED alerts older than the retention ({@code --alert-retention}):
 * resolved before it, or denied before it. ACTIVE alerts are never pruned. Runs hourly on one
 * replica, in chunks, so that a large backlog neither holds one long transaction nor a long run.
 */
public final class AlertPruning implements SingletonJob {
  private static final int CHUNK = 10_000;
  private static final int MAX_CHUNKS_PER_RUN = 50;

  private final AlertStore alerts;
  private final Duration retention;
  private final Clock clock;

  public AlertPruning(AlertStore alerts, Duration retention, Clock clock) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("the alert retention must be positive: " + retention);
    }
    this.alerts = alerts;
    this.retention = retention;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "prune-ended-alerts";
  }

  @Override
  public Duration interval() {
    return Duration.ofHours(1);
  }

  /** Deletes up to 500,000 alerts per run; a larger backlog is finished by the next runs. */
  @Override
  public void run() {
    var cutoff = clock.instant().minus(retention);
    for (int chunk = 0; chunk < MAX_CHUNKS_PER_RUN; chunk++) {
      if (alerts.deleteEndedBefore(cutoff, CHUNK) < CHUNK) {
        return;
      }
    }
  }
}
