package dev.bulwark.central.policies;

import dev.bulwark.central.policies.PolicyImport.Conflict;
import dev.bulwark.central.policies.PolicyImport.Result;
import dev.bulwark.central.policies.PolicyImport.Status;
import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.policy.model.Policy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports and exports bundles of policies. An import runs in one transaction under a lock on the
 * {@code policies} table, so concurrent imports and changes through the API see each other's
 * results whole; a dry run does the same work and rolls it back, so it reports exactly what an
 * import would do. Thread-safe.
 */
public final class PolicyBundles {
  private final Jdbi jdbi;
  private final Clock clock;

  public PolicyBundles(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** One entry of a bundle to import: a valid policy, or the result that says why it is invalid. */
  public sealed interface Entry {
    int index();

    /** A policy that passed validation. */
    record Valid(int index, Policy policy) implements Entry {}

    /** A policy that did not; its result is final. */
    record Invalid(int index, Result result) implements Entry {}
  }

  /**
   * Imports {@code entries}: valid policies are created, left unchanged, or, with {@code
   * overwrite}, replace the policies holding their id or name; the others are conflicts. Invalid
   * entries are reported and skipped; they do not stop the others.
   *
   * @param updatedBy the name of the token importing
   */
  public PolicyImport importBundle(
      List<Entry> entries, boolean overwrite, boolean dryRun, String updatedBy) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      List<Result> results =
          jdbi.inTransaction(handle -> {
            handle.execute("LOCK TABLE policies IN SHARE ROW EXCLUSIVE MODE");
            List<Result> done = new ArrayList<>();
            for (Entry entry : entries) {
              done.add(
                  switch (entry) {
                    case Entry.Invalid invalid -> invalid.result();
                    case Entry.Valid valid ->
                        store(handle, valid.index(), valid.policy(), overwrite, now, updatedBy);
                  });
            }
            if (dryRun) {
              throw new DryRunRollback(done);
            }
            return done;
          });
      return new PolicyImport(false, overwrite, results);
    } catch (DryRunRollback rollback) {
      return new PolicyImport(true, overwrite, rollback.results);
    }
  }

  /** Every policy, by name. */
  public List<Policy> all() {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT " + PolicyStore.COLUMNS + " FROM policies ORDER BY name")
            .map(PolicyStore::stored)
            .list()
            .stream()
            .map(StoredPolicy::policy)
            .toList());
  }

  /** The policies with {@code ids} that exist, by name. */
  public List<Policy> withIds(List<String> ids) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT "
                    + PolicyStore.COLUMNS
                    + " FROM policies WHERE id = ANY(:ids) ORDER BY name")
            .bindArray("ids", String.class, ids)
            .map(PolicyStore::stored)
            .list()
            .stream()
            .map(StoredPolicy::policy)
            .toList());
  }

  private static Result store(
      Handle handle, int index, Policy policy, boolean overwrite, Instant now, String by) {
    Optional<Policy> byId = find(handle, "id", policy.id());
    Optional<Policy> byName =
        find(handle, "name", policy.name()).filter(other -> !other.id().equals(policy.id()));
    if (byId.isEmpty() && byName.isEmpty()) {
      insert(handle, policy, now, by);
      return result(index, policy, Status.CREATED, List.of());
    }
    if (byName.isEmpty() && same(byId.orElseThrow(), policy)) {
      return result(index, policy, Status.UNCHANGED, List.of());
    }
    if (!overwrite) {
      List<Conflict> conflicts = new ArrayList<>();
      byId.ifPresent(other -> conflicts.add(new Conflict("id", other.id(), other.name())));
      byName.ifPresent(other -> conflicts.add(new Conflict("name", other.id(), other.name())));
      return result(index, policy, Status.CONFLICT, conflicts);
    }
    // Overwriting replaces the policy with the id and removes another one holding the name.
    byName.ifPresent(other ->
        handle
            .createUpdate("DELETE FROM policies WHERE id = :id")
            .bind("id", other.id())
            .execute());
    if (byId.isPresent()) {
      update(handle, policy, now, by);
    } else {
      insert(handle, policy, now, by);
    }
    return result(index, policy, Status.UPDATED, List.of());
  }

  private static boolean same(Policy stored, Policy imported) {
    return PolicyWriter.toStackRoxJson(stored).equals(PolicyWriter.toStackRoxJson(imported));
  }

  private static Result result(int index, Policy policy, Status status, List<Conflict> conflicts) {
    return new Result(index, policy.id(), policy.name(), status, conflicts, List.of());
  }

  private static Optional<Policy> find(Handle handle, String column, String value) {
    return handle
        .createQuery(
            "SELECT " + PolicyStore.COLUMNS + " FROM policies WHERE " + column + " = :value")
        .bind("value", value)
        .map(PolicyStore::stored)
        .findOne()
        .map(StoredPolicy::policy);
  }

  private static void insert(Handle handle, Policy policy, Instant now, String by) {
    handle
        .createUpdate(
            "INSERT INTO policies (id, name, policy, disabled, created_at, updated_at, updated_by)"
                + " VALUES (:id, :name, CAST(:policy AS jsonb), :disabled, :now, :now, :by)")
        .bind("id", policy.id())
        .bind("name", policy.name())
        .bind("policy", PolicyWriter.toStackRoxJson(policy))
        .bind("disabled", policy.disabled())
        .bind("now", now)
        .bind("by", by)
        .execute();
  }

  private static void update(Handle handle, Policy policy, Instant now, String by) {
    handle
        .createUpdate(
            "UPDATE policies SET name = :name, policy = CAST(:policy AS jsonb),"
                + " disabled = :disabled, updated_at = :now, updated_by = :by WHERE id = :id")
        .bind("id", policy.id())
        .bind("name", policy.name())
        .bind("policy", PolicyWriter.toStackRoxJson(policy))
        .bind("disabled", policy.disabled())
        .bind("now", now)
        .bind("by", by)
        .execute();
  }

  /** Ends a dry run's transaction by rolling it back, carrying the results out. */
  private static final class DryRunRollback extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Result> results;

    DryRunRollback(List<Result> results) {
      super("dry run", null, false, false);
      this.results = List.copyOf(results);
    }
  }
}
