package dev.bulwark.central.auth;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A token to issue. Sensor tokens, and only they, name a cluster.
 *
 * @param createdBy the issuing token's name; null when central issues it itself
 * @param expiresAt null for no expiry
 */
public record TokenRequest(
    String name,
    Role role,
    @Nullable UUID clusterId,
    @Nullable Instant expiresAt,
    @Nullable String createdBy) {
  /** The longest token name. */
  public static final int MAX_NAME_LENGTH = 200;

  public TokenRequest {
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "a token name has 1 to " + MAX_NAME_LENGTH + " characters");
    }
    if ((role == Role.SENSOR) != (clusterId != null)) {
      throw new IllegalArgumentException("sensor tokens, and only they, are bound to a cluster");
    }
  }
}
