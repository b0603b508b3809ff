package dev.bulwark.policy.kubelinter;

import dev.bulwark.policy.framework.Framework;
import dev.bulwark.policy.model.Policy;
import java.util.List;
import java.util.Set;

/**
 * Which kube-linter checks a configuration runs: kube-linter's defaults unless {@code
 * doNotAutoAddDefaults}, every built-in check with {@code addAllBuiltIn}, every custom check, the
 * included ones; excluded ones never. Immutable.
 *
 * @param customChecks names of the configuration's custom checks
 */
public record KubeLinterSelection(
    boolean addDefaults,
    boolean addAllBuiltIn,
    List<String> include,
    List<String> exclude,
    Set<String> customChecks) {
  /** kube-linter's behaviour without a configuration file: its default checks. */
  public static final KubeLinterSelection DEFAULTS =
      new KubeLinterSelection(true, false, List.of(), List.of(), Set.of());

  public KubeLinterSelection {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    customChecks = Set.copyOf(customChecks);
  }

  /** The same selection without kube-linter's defaults, as {@code --do-not-auto-add-defaults}. */
  public KubeLinterSelection withoutDefaults() {
    return new KubeLinterSelection(false, addAllBuiltIn, include, exclude, customChecks);
  }

  /**
   * Whether the selection runs the policy, a policy for one or more kube-linter checks (tagged
   * {@code kube-linter:<check>}); false for other policies.
   */
  public boolean enables(Policy policy, Framework kubeLinter) {
    List<String> checks = kubeLinter.controlsOf(policy);
    if (checks.isEmpty() || checks.stream().anyMatch(exclude::contains)) {
      return false;
    }
    return checks.stream()
            .anyMatch(check -> include.contains(check) || customChecks.contains(check))
        || addAllBuiltIn
        || (addDefaults && kubeLinter.enablesByDefault(policy));
  }
}
