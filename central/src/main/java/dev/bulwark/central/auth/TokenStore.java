package dev.bulwark.central.auth;

import dev.bulwark.central.storage.Constraints;
import dev.bulwark.central.storage.Installation;
import dev.bulwark.central.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/** The {@code api_tokens} table. Thread-safe. */
public final class TokenStore {
  /** How stale "last used" may get: writing it on every request would cost a write per call. */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  private static final String COLUMNS =
      "id, name, role, cluster_id, created_at, created_by, expires_at, revoked_at, last_used_at";

  private final Jdbi jdbi;
  private final Clock clock;

  public TokenStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Issues a token with a new random secret.
   *
   * @throws TokenNameTakenException when a live token has the name
   */
  public IssuedToken issue(TokenRequest request) {
    return jdbi.inTransaction(handle -> issue(handle, request));
  }

  /** As {@link #issue(TokenRequest)}, inside the caller's transaction. */
  public IssuedToken issue(Handle handle, TokenRequest request) {
    String secret = TokenSecrets.generate();
    return new IssuedToken(insert(handle, request, secret), secret);
  }

  /**
   * Stores a token whose secret the caller chose (an admin token from a file).
   *
   * @throws TokenNameTakenException when a live token has the name
   */
  public ApiToken register(Handle handle, TokenRequest request, String secret) {
    return insert(handle, request, secret);
  }

  /** The token with this secret, whatever its state. */
  public Optional<ApiToken> findBySecret(String secret) {
    return jdbi.withHandle(handle -> findBySecret(handle, secret));
  }

  /** As {@link #findBySecret(String)}, inside the caller's transaction. */
  public Optional<ApiToken> findBySecret(Handle handle, String secret) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = :hash")
        .bind("hash", TokenSecrets.hash(secret))
        .map(TokenStore::token)
        .findOne();
  }

  public Optional<ApiToken> find(UUID id) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE id = :id")
            .bind("id", id)
            .map(TokenStore::token)
            .findOne());
  }

  /**
   * Tokens in the order they were created, starting after {@code after} (exclusive).
   *
   * @param limit how many to return at most
   */
  public List<ApiToken> list(int limit, @Nullable Position after) {
    String where = after == null ? "" : "WHERE (created_at, id) > (:createdAt, :id) ";
    return jdbi.withHandle(handle -> {
      var query =
          handle.createQuery(
              "SELECT "
                  + COLUMNS
                  + " FROM api_tokens "
                  + where
                  + "ORDER BY created_at, id LIMIT :limit");
      if (after != null) {
        query.bind("createdAt", after.createdAt()).bind("id", after.id());
      }
      return query.bind("limit", limit).map(TokenStore::token).list();
    });
  }

  /** Where a page of {@link #list} ends: the last token's creation time and id. */
  public record Position(Instant createdAt, UUID id) {
    public static Position of(ApiToken token) {
      return new Position(token.createdAt(), token.id());
    }
  }

  /** Notes that the token was used, at most once per minute to spare writes. */
  public void touch(ApiToken token) {
    Instant now = now();
    Instant lastUsed = token.lastUsedAt();
    if (lastUsed != null && lastUsed.isAfter(now.minus(LAST_USED_RESOLUTION))) {
      return;
    }
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "UPDATE api_tokens SET last_used_at = :now WHERE id = :id"
                    + " AND (last_used_at IS NULL OR last_used_at < :stale)")
            .bind("now", now)
            .bind("stale", now.minus(LAST_USED_RESOLUTION))
            .bind("id", token.id())
            .execute());
  }

  /** What {@link #revoke} did. */
  public enum Revocation {
    REVOKED,
    ALREADY_REVOKED,
    NOT_FOUND,
    /** Refused: it is the last usable admin token, and nobody could manage tokens after it. */
    LAST_ADMIN
  }

  /** Revokes a token: it authenticates nothing from now on, on every replica. */
  public Revocation revoke(UUID id) {
    Instant now = now();
    return jdbi.inTransaction(handle -> {
      // Serialises revocations, so two admins revoking each other cannot leave none.
      Installation.lock(handle);
      Optional<ApiToken> token =
          handle
              .createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE id = :id")
              .bind("id", id)
              .map(TokenStore::token)
              .findOne();
      if (token.isEmpty()) {
        return Revocation.NOT_FOUND;
      }
      if (token.get().revokedAt() != null) {
        return Revocation.ALREADY_REVOKED;
      }
      if (token.get().role() == Role.ADMIN
          && token.get().state(now) == ApiToken.State.ACTIVE
          && activeAdmins(handle, now) == 1) {
        return Revocation.LAST_ADMIN;
      }
      handle
          .createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id")
          .bind("now", now)
          .bind("id", id)
          .execute();
      return Revocation.REVOKED;
    });
  }

  /** Whether the table holds no token at all (a new installation). */
  public boolean none(Handle handle) {
    return handle.createQuery("SELECT count(*) FROM api_tokens").mapTo(Long.class).one() == 0;
  }

  /**
   * Deletes tokens revoked or expired before {@code endedBefore}; their audit records stay.
   *
   * @return how many were deleted
   */
  public int deleteEndedBefore(Instant endedBefore) {
    return jdbi.withHandle(handle ->
        handle
            .createUpdate(
                "DELETE FROM api_tokens WHERE revoked_at < :before OR expires_at < :before")
            .bind("before", endedBefore)
            .execute());
  }

  /** Now, to the microsecond PostgreSQL keeps, so that what is returned equals what is read. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static long activeAdmins(Handle handle, Instant now) {
    return handle
        .createQuery(
            "SELECT count(*) FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL"
                + " AND (expires_at IS NULL OR expires_at > :now)")
        .bind("now", now)
        .mapTo(Long.class)
        .one();
  }

  private ApiToken insert(Handle handle, TokenRequest request, String secret) {
    UUID id = UUID.randomUUID();
    Instant now = now();
    try {
      handle
          .createUpdate(
              "INSERT INTO api_tokens (id, name, role, cluster_id, token_hash, created_at,"
                  + " created_by, expires_at) VALUES (:id, :name, :role, CAST(:cluster AS uuid),"
                  + " :hash, :now, :createdBy, :expiresAt)")
          .bind("id", id)
          .bind("name", request.name())
          .bind("role", request.role().wireName())
          .bindByType("cluster", request.clusterId(), UUID.class)
          .bind("hash", TokenSecrets.hash(secret))
          .bind("now", now)
          .bindByType("createdBy", request.createdBy(), String.class)
          .bindByType("expiresAt", request.expiresAt(), Instant.class)
          .execute();
    } catch (UnableToExecuteStatementException e) {
      if (Constraints.isUniqueViolation(e, "api_tokens_live_name")) {
        throw new TokenNameTakenException(request.name());
      }
      throw e;
    }
    return new ApiToken(
        id,
        request.name(),
        request.role(),
        request.clusterId(),
        now,
        request.createdBy(),
        request.expiresAt(),
        null,
        null);
  }

  private static ApiToken token(ResultSet rows, StatementContext context) throws SQLException {
    String role = rows.getString("role");
    return new ApiToken(
        Rows.requiredUuid(rows, "id"),
        rows.getString("name"),
        Role.parse(role)
            .orElseThrow(() -> new SQLException("unknown role '" + role + "' in api_tokens")),
        Rows.uuid(rows, "cluster_id"),
        Rows.requiredInstant(rows, "created_at"),
        rows.getString("created_by"),
        Rows.instant(rows, "expires_at"),
        Rows.instant(rows, "revoked_at"),
        Rows.instant(rows, "last_used_at"));
  }
}
