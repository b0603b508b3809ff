package dev.bulwark.central.auth;

import dev.bulwark.central.jobs.SingletonJob;
import java.time.Clock;
import java.time.Duration;

/**
 * Deletes tokens that were revoked or expired more than 90 days ago: they authenticate nothing, and
 * the audit log keeps their names. Runs every six hours on one replica.
 */
public final class TokenPruning implements SingletonJob {
  /** How long an ended token stays listed, for investigations. */
  public static final Duration KEPT = Duration.ofDays(90);

  private final TokenStore tokens;
  private final Clock clock;

  public TokenPruning(TokenStore tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "prune-ended-tokens";
  }

  @Override
  public Duration interval() {
    return Duration.ofHours(6);
  }

  @Override
  public void run() {
    tokens.deleteEndedBefore(clock.instant().minus(KEPT));
  }
}
