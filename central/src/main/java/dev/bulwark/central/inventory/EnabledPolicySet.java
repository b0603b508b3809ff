package dev.bulwark.central.inventory;

import dev.bulwark.central.policies.PolicyStore;
import dev.bulwark.central.policies.StoredPolicy;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.Policy;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enabled policies, compiled once per change of the policy set: every call asks the database
 * for a fingerprint of the enabled policies (their ids and last changes) and compiles again only
 * when it differs from the last one. Thread-safe.
 */
public final class EnabledPolicySet {
  private static final Logger LOG = LoggerFactory.getLogger(EnabledPolicySet.class);
  private static final int PAGE = 500;

  private final PolicyStore store;
  private @Nullable Current current;

  public EnabledPolicySet(PolicyStore store) {
    this.store = store;
  }

  /**
   * The compiled enabled policies, with the fingerprint of the set they were compiled from.
   *
   * @param fingerprint changes whenever a policy is created, changed, enabled, disabled or deleted
   */
  public record Current(String fingerprint, CompiledPolicySet policies) {}

  /** The enabled policies as they are now, read on {@code handle}'s transaction. */
  public synchronized Current current(Handle handle) {
    String fingerprint = fingerprint(handle);
    Current known = current;
    if (known != null && known.fingerprint().equals(fingerprint)) {
      return known;
    }
    Current compiled = new Current(fingerprint, compile(enabled()));
    current = compiled;
    return compiled;
  }

  /** A digest of the ids and last changes of the enabled policies; "" when there are none. */
  static String fingerprint(Handle handle) {
    return handle
        .createQuery(
            "SELECT coalesce(md5(string_agg(id || '@' || updated_at::text, ',' ORDER BY id)), '')"
                + " FROM policies WHERE NOT disabled")
        .mapTo(String.class)
        .one();
  }

  private List<Policy> enabled() {
    List<Policy> policies = new ArrayList<>();
    String after = null;
    while (true) {
      List<StoredPolicy> page = store.list(PAGE, after, false);
      page.forEach(stored -> policies.add(stored.policy()));
      if (page.size() < PAGE) {
        return policies;
      }
      after = page.getLast().policy().name();
    }
  }

  /**
   * Compiles the set; a policy that does not compile (stored ones were validated, but a CEL library
   * may change under them) is left out with a warning instead of stopping every evaluation.
   */
  private static CompiledPolicySet compile(List<Policy> policies) {
    try {
      return PolicyCompiler.compile(policies, List.of());
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
      return PolicyCompiler.compile(compilable, List.of());
    }
  }
}
