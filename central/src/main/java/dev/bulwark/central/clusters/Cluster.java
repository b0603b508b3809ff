package dev.bulwark.central.clusters;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered cluster.
 *
 * @param lastContactAt when its sensor last called; null before the first call
 * @param sensorVersion the version its sensor reported last
 */
public record Cluster(
    UUID id,
    String name,
    Instant createdAt,
    @Nullable Instant lastContactAt,
    @Nullable String sensorVersion) {
  /** A sensor calls at least this often; a cluster not heard from for longer is disconnected. */
  public static final Duration CONTACT_EXPECTED_WITHIN = Duration.ofMinutes(3);

  /** Whether the cluster's sensor is in touch. */
  public enum State {
    /** The sensor never called. */
    NEVER_CONNECTED,
    CONNECTED,
    /** The sensor called once, but not within {@link #CONTACT_EXPECTED_WITHIN}. */
    DISCONNECTED
  }

  /** The state at {@code now}. */
  public State state(Instant now) {
    Instant contact = lastContactAt;
    if (contact == null) {
      return State.NEVER_CONNECTED;
    }
    return contact.isBefore(now.minus(CONTACT_EXPECTED_WITHIN))
        ? State.DISCONNECTED
        : State.CONNECTED;
  }
}
