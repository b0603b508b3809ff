package dev.bulwark.policy.model;

import java.util.List;
import java.util.Objects;

/**
 * A policy as StackRox defines it (see ../shared/reference/stackrox.md section 2), with Bulwark's
 * additions {@code controls} (framework tags such as {@code cis-k8s:5.2.2}), {@code rules} (CEL)
 * and {@code checks} (native checks). Immutable; validated by the policy reader, compiled by the
 * engine.
 *
 * @param skipContainerTypes StackRox's evaluationFilter: REGULAR and/or INIT containers to skip
 */
public record Policy(
    String id,
    String name,
    String description,
    String rationale,
    String remediation,
    boolean disabled,
    List<String> categories,
    List<LifecycleStage> lifecycleStages,
    EventSource eventSource,
    List<Exclusion> exclusions,
    List<Scope> scope,
    Severity severity,
    List<EnforcementAction> enforcementActions,
    List<String> notifiers,
    String policyVersion,
    List<PolicySection> sections,
    List<MitreAttackVector> mitreAttackVectors,
    boolean criteriaLocked,
    boolean mitreVectorsLocked,
    boolean isDefault,
    List<String> skipContainerTypes,
    List<String> controls,
    List<CelRule> rules,
    List<CheckReference> checks) {
  public Policy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    categories = List.copyOf(categories);
    lifecycleStages = List.copyOf(lifecycleStages);
    exclusions = List.copyOf(exclusions);
    scope = List.copyOf(scope);
    enforcementActions = List.copyOf(enforcementActions);
    notifiers = List.copyOf(notifiers);
    sections = List.copyOf(sections);
    mitreAttackVectors = List.copyOf(mitreAttackVectors);
    skipContainerTypes = List.copyOf(skipContainerTypes);
    controls = List.copyOf(controls);
    rules = List.copyOf(rules);
    checks = List.copyOf(checks);
  }

  /** Whether the policy has criteria of any kind: sections, CEL rules or native checks. */
  public boolean hasCriteria() {
    return !sections.isEmpty() || !rules.isEmpty() || !checks.isEmpty();
  }

  /** This policy with {@code disabled} set as given. */
  public Policy withDisabled(boolean off) {
    if (off == disabled) {
      return this;
    }
    return new Policy(
        id,
        name,
        description,
        rationale,
        remediation,
        off,
        categories,
        lifecycleStages,
        eventSource,
        exclusions,
        scope,
        severity,
        enforcementActions,
        notifiers,
        policyVersion,
        sections,
        mitreAttackVectors,
        criteriaLocked,
        mitreVectorsLocked,
        isDefault,
        skipContainerTypes,
        controls,
        rules,
        checks);
  }

  public boolean hasStage(LifecycleStage stage) {
    return lifecycleStages.contains(stage);
  }

  /**
   * Whether some enforcement action belongs to {@code stage}: a policy enforced at DEPLOY is one
   * the admission webhook denies and {@code bulwark check} treats as blocking.
   */
  public boolean isEnforcedAt(LifecycleStage stage) {
    for (EnforcementAction action : enforcementActions) {
      if (action.stage() == stage) {
        return true;
      }
    }
    return false;
  }
}
