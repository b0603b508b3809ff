package dev.bulwark.central.policies;

import dev.bulwark.central.storage.Installation;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.policy.model.Policy;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Seeds Bulwark's built-in policies ({@link BuiltinPolicies}, each enabled or disabled as it ships)
 * into an installation once, on its first start. The installation row records when, so a built-in
 * policy an admin deletes or changes stays that way across restarts. Replicas starting together
 * seed once: the seeding runs under the installation row's lock, and a replica that waited for it
 * finds the seeding recorded. Thread-safe.
 */
public final class BuiltinPolicySeeder {
  /** Who the audit columns name as the author of a seeded policy. */
  public static final String AUTHOR = "bulwark (built-in policies)";

  /**
   * What a start found or did.
   *
   * @param seeded how many policies this start stored (0 when seeded before)
   * @param seededAt when the installation was seeded (now, or by an earlier start)
   */
  public record Outcome(int seeded, Instant seededAt) {}

  private final Jdbi jdbi;
  private final Clock clock;
  private final List<Policy> policies;

  /** Seeds {@link BuiltinPolicies#all()}. */
  public BuiltinPolicySeeder(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, BuiltinPolicies.all());
  }

  BuiltinPolicySeeder(Jdbi jdbi, Clock clock, List<Policy> policies) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.policies = List.copyOf(policies);
  }

  /**
   * Seeds the built-in policies unless this installation was seeded before. A policy whose id or
   * name is already taken (created through the API before this version of central) is left as it
   * is.
   */
  public Outcome ensureSeeded() {
    return jdbi.inTransaction(handle -> {
      Installation.lock(handle);
      Instant before = seededAt(handle);
      if (before != null) {
        return new Outcome(0, before);
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
      int seeded = 0;
      for (Policy policy : policies) {
        seeded += insert(handle, policy, now);
      }
      handle
          .createUpdate("UPDATE installation SET builtin_policies_seeded_at = :now")
          .bind("now", now)
          .execute();
      return new Outcome(seeded, now);
    });
  }

  private static @Nullable Instant seededAt(Handle handle) {
    return handle
        .createQuery("SELECT builtin_policies_seeded_at FROM installation")
        .mapTo(Instant.class)
        .findOne()
        .orElse(null);
  }

  private static int insert(Handle handle, Policy policy, Instant now) {
    return handle
        .createUpdate(
            "INSERT INTO policies (id, name, policy, disabled, created_at, updated_at, updated_by)"
                + " VALUES (:id, :name, CAST(:policy AS jsonb), :disabled, :now, :now, :by)"
                + " ON CONFLICT DO NOTHING")
        .bind("id", policy.id())
        .bind("name", policy.name())
        .bind("policy", PolicyWriter.toStackRoxJson(policy))
        .bind("disabled", policy.disabled())
        .bind("now", now)
        .bind("by", AUTHOR)
        .execute();
  }
}
