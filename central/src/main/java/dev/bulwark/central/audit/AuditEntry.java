package dev.bulwark.central.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One audited call: who (the token), what (method, path, the object), when, and how it ended.
 *
 * @param targetId the object the call created or changed, when there is one
 * @param status the response status; null while the call runs, or when the process died during it
 */
public record AuditEntry(
    long id,
    Instant at,
    Actor actor,
    String method,
    String path,
    @Nullable String targetId,
    @Nullable Integer status) {

  /** The token that made the call, as it was then (the token may be gone since). */
  public record Actor(UUID tokenId, String name, String role) {}
}
