package dev.bulwark.central.audit;

import dev.bulwark.central.api.CallRecorder;
import dev.bulwark.central.api.HttpMethod;
import dev.bulwark.central.auth.Principal;
import dev.bulwark.central.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** The {@code audit_log} table: written for every audited call, read by admins. Thread-safe. */
public final class AuditLog implements CallRecorder {
  private final Jdbi jdbi;
  private final Clock clock;

  public AuditLog(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public long started(Principal principal, HttpMethod method, String path) {
    return jdbi.withHandle(handle ->
        handle
            .createUpdate(
                "INSERT INTO audit_log (at, token_id, token_name, role, method, path)"
                    + " VALUES (:at, :tokenId, :name, :role, :method, :path)")
            .bind("at", clock.instant().truncatedTo(ChronoUnit.MICROS))
            .bind("tokenId", principal.tokenId())
            .bind("name", principal.name())
            .bind("role", principal.role().wireName())
            .bind("method", method.name())
            .bind("path", path)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one());
  }

  @Override
  public void finished(long record, int status, @Nullable String targetId) {
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "UPDATE audit_log SET status = :status, target_id = :target WHERE id = :id")
            .bind("status", status)
            .bindByType("target", targetId, String.class)
            .bind("id", record)
            .execute());
  }

  /**
   * Entries newest first, starting below {@code beforeId} (exclusive; null for the newest).
   *
   * @param limit how many to return at most
   */
  public List<AuditEntry> list(int limit, @Nullable Long beforeId) {
    String where = beforeId == null ? "" : " WHERE id < :before";
    return jdbi.withHandle(handle -> {
      var query =
          handle.createQuery(
              "SELECT id, at, token_id, token_name, role, method, path, target_id, status"
                  + " FROM audit_log"
                  + where
                  + " ORDER BY id DESC LIMIT :limit");
      if (beforeId != null) {
        query.bind("before", beforeId.longValue());
      }
      return query.bind("limit", limit).map(AuditLog::entry).list();
    });
  }

  private static AuditEntry entry(ResultSet rows, StatementContext context) throws SQLException {
    return new AuditEntry(
        rows.getLong("id"),
        Rows.requiredInstant(rows, "at"),
        new AuditEntry.Actor(
            Rows.requiredUuid(rows, "token_id"),
            rows.getString("token_name"),
            rows.getString("role")),
        rows.getString("method"),
        rows.getString("path"),
        rows.getString("target_id"),
        rows.getObject("status", Integer.class));
  }
}
