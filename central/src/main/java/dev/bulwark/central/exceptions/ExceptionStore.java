package dev.bulwark.central.exceptions;

import dev.bulwark.central.storage.Constraints;
import dev.bulwark.central.storage.Rows;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.PolicyException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code policy_exceptions} table. Exceptions are stored as {@link ExceptionDocuments#write}
 * writes them and read back through the library's {@link ExceptionReader}. Thread-safe.
 */
public final class ExceptionStore {
  private static final String COLUMNS =
      "id, exception::text AS exception, created_at, updated_at, updated_by";

  /** Which exceptions a list shows, by their expiry relative to the time of the request. */
  public enum State {
    /** Not expired: no expiry, or an expiry after now. */
    ACTIVE,
    /** Expired: an expiry at or before now. They no longer apply, but stay until deleted. */
    EXPIRED
  }

  private final Jdbi jdbi;
  private final Clock clock;

  public ExceptionStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Stores a new exception under a new id.
   *
   * @param updatedBy the name of the token creating it
   * @throws ExceptionNameTakenException when another exception has its name
   */
  public StoredException create(PolicyException exception, String updatedBy) {
    Instant now = now();
    UUID id = UUID.randomUUID();
    return translateConflicts(
        exception,
        () ->
            jdbi.withHandle(handle ->
                handle
                    .createQuery(
                        "INSERT INTO policy_exceptions (id, name, policies, expires_at, exception,"
                            + " created_at, updated_at, updated_by) VALUES (:id, :name, :policies,"
                            + " :expires, CAST(:exception AS jsonb), :now, :now, :by) RETURNING "
                            + COLUMNS)
                    .bind("id", id)
                    .bind("name", exception.name())
                    .bindArray("policies", String.class, exception.policies())
                    .bindByType("expires", exception.expires(), Instant.class)
                    .bind("exception", ExceptionDocuments.write(exception).toString())
                    .bind("now", now)
                    .bind("by", updatedBy)
                    .map(ExceptionStore::stored)
                    .one()));
  }

  /**
   * Replaces the exception with {@code id}.
   *
   * @return the exception as stored now; empty when no exception has the id
   * @throws ExceptionNameTakenException when another exception has the name
   */
  public Optional<StoredException> replace(UUID id, PolicyException exception, String updatedBy) {
    Instant now = now();
    return translateConflicts(
        exception,
        () ->
            jdbi.withHandle(handle ->
                handle
                    .createQuery(
                        "UPDATE policy_exceptions SET name = :name, policies = :policies,"
                            + " expires_at = :expires, exception = CAST(:exception AS jsonb),"
                            + " updated_at = :now, updated_by = :by WHERE id = :id RETURNING "
                            + COLUMNS)
                    .bind("id", id)
                    .bind("name", exception.name())
                    .bindArray("policies", String.class, exception.policies())
                    .bindByType("expires", exception.expires(), Instant.class)
                    .bind("exception", ExceptionDocuments.write(exception).toString())
                    .bind("now", now)
                    .bind("by", updatedBy)
                    .map(ExceptionStore::stored)
                    .findOne()));
  }

  /** Deletes the exception; false when no exception has the id. */
  public boolean delete(UUID id) {
    return jdbi.withHandle(handle ->
        handle
            .createUpdate("DELETE FROM policy_exceptions WHERE id = :id")
            .bind("id", id)
            .execute())
        > 0;
  }

  public Optional<StoredException> find(UUID id) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT " + COLUMNS + " FROM policy_exceptions WHERE id = :id")
            .bind("id", id)
            .map(ExceptionStore::stored)
            .findOne());
  }

  /**
   * Exceptions by name, starting after {@code afterName} (exclusive; null for the first).
   *
   * @param policy only exceptions naming this policy, by its id or its name (either matches what
   *     the exception lists); null for all
   * @param state only active or only expired exceptions, as of {@code now}; null for both
   * @param limit how many to return at most
   */
  public List<StoredException> list(
      int limit,
      @Nullable String afterName,
      @Nullable String policy,
      @Nullable State state,
      Instant now) {
    StringBuilder where = new StringBuilder(" WHERE true");
    if (afterName != null) {
      where.append(" AND name > :after");
    }
    if (policy != null) {
      // The exception may name the policy by id or by name, and the caller may use either.
      where.append(
          " AND policies && ARRAY[CAST(:policy AS text),"
              + " (SELECT p.name FROM policies p WHERE p.id = :policy),"
              + " (SELECT p.id FROM policies p WHERE p.name = :policy)]");
    }
    if (state == State.ACTIVE) {
      where.append(" AND (expires_at IS NULL OR expires_at > :now)");
    } else if (state == State.EXPIRED) {
      where.append(" AND expires_at <= :now");
    }
    return jdbi.withHandle(handle -> {
      var query =
          handle.createQuery(
              "SELECT "
                  + COLUMNS
                  + " FROM policy_exceptions"
                  + where
                  + " ORDER BY name LIMIT :limit");
      if (afterName != null) {
        query.bind("after", afterName);
      }
      if (policy != null) {
        query.bind("policy", policy);
      }
      if (state != null) {
        query.bind("now", now);
      }
      return query.bind("limit", limit).map(ExceptionStore::stored).list();
    });
  }

  /**
   * Every exception in force at {@code now} (not expired), by name: what policy evaluation applies.
   * Expired exceptions are left out: they no longer waive anything.
   */
  public List<PolicyException> active(Instant now) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM policy_exceptions WHERE expires_at IS NULL OR expires_at > :now"
                    + " ORDER BY name")
            .bind("now", now)
            .map(ExceptionStore::stored)
            .list()
            .stream()
            .map(StoredException::exception)
            .toList());
  }

  /** The ids and names of every policy central keeps, to tell which references are unknown. */
  public Set<String> policyReferences() {
    return jdbi.withHandle(handle ->
        new HashSet<>(
            handle
                .createQuery("SELECT id FROM policies UNION SELECT name FROM policies")
                .mapTo(String.class)
                .list()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static <T> T translateConflicts(PolicyException exception, Supplier<T> write) {
    try {
      return write.get();
    } catch (UnableToExecuteStatementException e) {
      if (Constraints.isUniqueViolation(e, "policy_exceptions_name_key")) {
        throw new ExceptionNameTakenException(exception.name());
      }
      throw e;
    }
  }

  private static StoredException stored(ResultSet rows, StatementContext context)
      throws SQLException {
    UUID id = Rows.requiredUuid(rows, "id");
    // The stored JSON was written from a valid exception, so it reads back as one.
    PolicyException exception =
        ExceptionDocuments.read(ExceptionDocuments.parse(rows.getString("exception")), origin(id));
    return new StoredException(
        id,
        exception,
        Rows.requiredInstant(rows, "created_at"),
        Rows.requiredInstant(rows, "updated_at"),
        rows.getString("updated_by"));
  }

  /** What {@link PolicyException#file()} says for an exception central keeps. */
  static String origin(UUID id) {
    return "central exception " + id;
  }
}
