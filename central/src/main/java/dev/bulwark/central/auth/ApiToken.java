package dev.bulwark.central.auth;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What is known about an API token; never its secret.
 *
 * @param clusterId the cluster a sensor token acts for, null for other roles
 * @param createdBy the name of the token that issued it; null for tokens central made itself
 * @param expiresAt null for tokens that do not expire
 */
public record ApiToken(
    UUID id,
    String name,
    Role role,
    @Nullable UUID clusterId,
    Instant createdAt,
    @Nullable String createdBy,
    @Nullable Instant expiresAt,
    @Nullable Instant revokedAt,
    @Nullable Instant lastUsedAt) {

  /** Whether the token is usable, expired or revoked. */
  public enum State {
    ACTIVE,
    EXPIRED,
    REVOKED
  }

  /** The token's state at {@code now} (revocation wins over expiry). */
  public State state(Instant now) {
    if (revokedAt != null) {
      return State.REVOKED;
    }
    Instant expiry = expiresAt;
    return expiry != null && !now.isBefore(expiry) ? State.EXPIRED : State.ACTIVE;
  }

  /** The caller this token authenticates. */
  public Principal principal() {
    return new Principal(id, name, role, clusterId);
  }
}
