package dev.bulwark.central.policies;

import dev.bulwark.central.storage.Constraints;
import dev.bulwark.central.storage.Rows;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.policy.model.Policy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code policies} table. Policies are stored as {@link PolicyWriter} writes StackRox JSON and
 * read back with {@link PolicyReader}, so a stored policy passes the same validation as an imported
 * one. Thread-safe.
 */
public final class PolicyStore {
  static final String COLUMNS =
      "policy::text AS policy, disabled, created_at, updated_at, updated_by";

  private final Jdbi jdbi;
  private final Clock clock;

  public PolicyStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Stores a new policy.
   *
   * @param updatedBy the name of the token creating it
   * @throws PolicyConflictException when another policy has its id or name
   */
  public StoredPolicy create(Policy policy, String updatedBy) {
    Instant now = now();
    return translateConflicts(
        policy,
        () ->
            jdbi.withHandle(handle ->
                handle
                    .createQuery(
                        "INSERT INTO policies (id, name, policy, disabled, created_at, updated_at,"
                            + " updated_by) VALUES (:id, :name, CAST(:policy AS jsonb), :disabled,"
                            + " :now, :now, :by) RETURNING "
                            + COLUMNS)
                    .bind("id", policy.id())
                    .bind("name", policy.name())
                    .bind("policy", PolicyWriter.toStackRoxJson(policy))
                    .bind("disabled", policy.disabled())
                    .bind("now", now)
                    .bind("by", updatedBy)
                    .map(PolicyStore::stored)
                    .one()));
  }

  /**
   * Replaces the policy with {@code policy.id()}.
   *
   * @return the policy as stored now; empty when no policy has the id
   * @throws PolicyConflictException when another policy has the name
   */
  public Optional<StoredPolicy> replace(Policy policy, String updatedBy) {
    Instant now = now();
    return translateConflicts(
        policy,
        () ->
            jdbi.withHandle(handle ->
                handle
                    .createQuery(
                        "UPDATE policies SET name = :name, policy = CAST(:policy AS jsonb),"
                            + " disabled = :disabled, updated_at = :now, updated_by = :by"
                            + " WHERE id = :id RETURNING "
                            + COLUMNS)
                    .bind("id", policy.id())
                    .bind("name", policy.name())
                    .bind("policy", PolicyWriter.toStackRoxJson(policy))
                    .bind("disabled", policy.disabled())
                    .bind("now", now)
                    .bind("by", updatedBy)
                    .map(PolicyStore::stored)
                    .findOne()));
  }

  /**
   * Disables or enables the policy, in the column and in the stored policy alike.
   *
   * @return the policy as stored now; empty when no policy has the id
   */
  public Optional<StoredPolicy> setDisabled(String id, boolean disabled, String updatedBy) {
    Instant now = now();
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "UPDATE policies SET disabled = :disabled,"
                    + " policy = jsonb_set(policy, '{disabled}', to_jsonb(:disabled)),"
                    + " updated_at = :now, updated_by = :by WHERE id = :id RETURNING "
                    + COLUMNS)
            .bind("id", id)
            .bind("disabled", disabled)
            .bind("now", now)
            .bind("by", updatedBy)
            .map(PolicyStore::stored)
            .findOne());
  }

  /** Deletes the policy; false when no policy has the id. */
  public boolean delete(String id) {
    return jdbi.withHandle(handle ->
        handle.createUpdate("DELETE FROM policies WHERE id = :id").bind("id", id).execute())
        > 0;
  }

  public Optional<StoredPolicy> find(String id) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT " + COLUMNS + " FROM policies WHERE id = :id")
            .bind("id", id)
            .map(PolicyStore::stored)
            .findOne());
  }

  /**
   * Policies by name, starting after {@code afterName} (exclusive; null for the first).
   *
   * @param disabled only disabled (true) or enabled (false) policies; null for all
   * @param limit how many to return at most
   */
  public List<StoredPolicy> list(
      int limit, @Nullable String afterName, @Nullable Boolean disabled) {
    StringBuilder where = new StringBuilder(" WHERE true");
    if (afterName != null) {
      where.append(" AND name > :after");
    }
    if (disabled != null) {
      where.append(" AND disabled = :disabled");
    }
    return jdbi.withHandle(handle -> {
      var query =
          handle.createQuery(
              "SELECT " + COLUMNS + " FROM policies" + where + " ORDER BY name LIMIT :limit");
      if (afterName != null) {
        query.bind("after", afterName);
      }
      if (disabled != null) {
        query.bind("disabled", disabled.booleanValue());
      }
      return query.bind("limit", limit).map(PolicyStore::stored).list();
    });
  }

  /**
   * What changes whenever a policy is created, replaced, enabled, disabled or deleted: the number
   * of policies and the latest change. Cheap to read, so callers that keep something derived from
   * the policies can tell whether it is still current.
   *
   * @param lastChange null when there is no policy
   */
  public record Revision(long count, @Nullable Instant lastChange) {}

  /** The current {@link Revision}. */
  public Revision revision() {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT count(*) AS count, max(updated_at) AS last FROM policies")
            .map((rows, context) -> new Revision(rows.getLong("count"), Rows.instant(rows, "last")))
            .one());
  }

  /** Every enabled policy, by name. */
  public List<Policy> enabled() {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT " + COLUMNS + " FROM policies WHERE NOT disabled ORDER BY name")
            .map(PolicyStore::stored)
            .map(StoredPolicy::policy)
            .list());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static <T> T translateConflicts(Policy policy, Supplier<T> write) {
    try {
      return write.get();
    } catch (UnableToExecuteStatementException e) {
      if (Constraints.isUniqueViolation(e, "policies_pkey")) {
        throw new PolicyConflictException("id", policy.id());
      }
      if (Constraints.isUniqueViolation(e, "policies_name_key")) {
        throw new PolicyConflictException("name", policy.name());
      }
      throw e;
    }
  }

  static StoredPolicy stored(ResultSet rows, StatementContext context) throws SQLException {
    String json = rows.getString("policy");
    // The stored JSON was written by PolicyWriter from a valid policy, so it reads back as one.
    Policy policy =
        PolicyReader.parse(json, "stored policy")
            .getFirst()
            .withDisabled(rows.getBoolean("disabled"));
    return new StoredPolicy(
        policy,
        Rows.requiredInstant(rows, "created_at"),
        Rows.requiredInstant(rows, "updated_at"),
        rows.getString("updated_by"));
  }
}
