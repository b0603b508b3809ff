package dev.bulwark.central.policies;

import dev.bulwark.central.exceptions.ExceptionStore;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.Policy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What central evaluates: the enabled policies with the exceptions in force, compiled together. The
 * one place that turns stored policies into a {@link CompiledPolicySet}, for the inventory and for
 * detection alike.
 *
 * <p>Every call reads a fingerprint of both tables (the ids and last changes of the enabled
 * policies and of the exceptions not expired at the time of the call) and compiles again only when
 * it differs from the last one. Since an exception that expired drops out of the fingerprint, the
 * set is compiled again once the earliest expiry passes. Thread-safe.
 */
public final class ActivePolicies {
  private static final Logger LOG = LoggerFactory.getLogger(ActivePolicies.class);

  private final Jdbi jdbi;
  private final PolicyStore policies;
  private final ExceptionStore exceptions;
  private final Clock clock;
  private @Nullable Current current;

  public ActivePolicies(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.policies = new PolicyStore(jdbi, clock);
    this.exceptions = new ExceptionStore(jdbi, clock);
    this.clock = clock;
  }

  /**
   * The compiled set and the fingerprint of what it was compiled from.
   *
   * @param fingerprint changes whenever a policy is created, changed, enabled, disabled or deleted,
   *     and whenever an exception is created, changed, deleted or expires
   * @param policies the enabled policies that compile, with the exceptions in force
   * @param enabled the enabled policies as stored (for evaluations that plan policies their own
   *     way, such as image checks)
   * @param exceptions the exceptions in force
   */
  public record Current(
      String fingerprint,
      CompiledPolicySet policies,
      List<Policy> enabled,
      List<PolicyException> exceptions) {
    public Current {
      enabled = List.copyOf(enabled);
      exceptions = List.copyOf(exceptions);
    }
  }

  /** The set as it is now, its fingerprint read on {@code handle}'s transaction. */
  public synchronized Current current(Handle handle) {
    Instant now = clock.instant();
    String fingerprint = fingerprint(handle, now);
    Current known = current;
    if (known != null && known.fingerprint().equals(fingerprint)) {
      return known;
    }
    List<Policy> enabled = policies.enabled();
    List<PolicyException> inForce = exceptions.active(now);
    Current compiled = new Current(fingerprint, compile(enabled, inForce), enabled, inForce);
    current = compiled;
    return compiled;
  }

  /** The set as it is now. */
  public Current current() {
    return jdbi.withHandle(this::current);
  }

  /**
   * A digest of the ids and last changes of the enabled policies and of the exceptions in force at
   * {@code now}; the same for the same sets.
   */
  public static String fingerprint(Handle handle, Instant now) {
    return handle
        .createQuery(
            "SELECT coalesce((SELECT md5(string_agg(id || '@' || updated_at::text, ','"
                + " ORDER BY id)) FROM policies WHERE NOT disabled), '')"
                + " || '/' || coalesce((SELECT md5(string_agg(id::text || '@'"
                + " || updated_at::text, ',' ORDER BY id)) FROM policy_exceptions"
                + " WHERE expires_at IS NULL OR expires_at > :now), '')")
        .bind("now", now)
        .mapTo(String.class)
        .one();
  }

  /**
   * Compiles the set; a policy or exception that does not compile (stored ones were validated, but
   * a CEL library may change under them) is left out with a warning instead of stopping every
   * evaluation.
   */
  static CompiledPolicySet compile(List<Policy> policies, List<PolicyException> exceptions) {
    try {
      return PolicyCompiler.compile(policies, exceptions);
    } catch (InvalidPolicyException e) {
      List<Policy> compilable = new ArrayList<>();
      for (Policy policy : policies) {
        try {
          PolicyCompiler.compile(List.of(policy), List.of());
          compilable.add(policy);
        } catch (InvalidPolicyException broken) {
          LOG.warn("policy {} is left out of evaluation: {}", policy.id(), broken.getMessage());
        }
      }
      List<PolicyException> applicable = new ArrayList<>();
      for (PolicyException exception : exceptions) {
        try {
          PolicyCompiler.compile(List.of(), List.of(exception));
          applicable.add(exception);
        } catch (InvalidPolicyException broken) {
          LOG.warn(
              "exception {} is left out of evaluation: {}", exception.name(), broken.getMessage());
        }
      }
      return PolicyCompiler.compile(compilable, applicable);
    }
  }
}
