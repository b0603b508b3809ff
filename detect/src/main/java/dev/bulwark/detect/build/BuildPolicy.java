package dev.bulwark.detect.build;

import dev.bulwark.core.image.ImageFields;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One policy as an image check evaluates it.
 *
 * <p>At build time StackRox matches the image alone: there is no deployment, so a policy's scopes,
 * container type filter, CEL rules and native checks (which read Kubernetes objects) take no part;
 * image exclusions do. {@link #criteria()} is the policy without them. Criteria the image data
 * cannot decide (it declares their fields unknown) are left to the engine, which reports the policy
 * as not evaluated when they matter.
 *
 * @param policy the policy as loaded
 * @param criteria the policy as the check evaluates it; null when it has no criteria sections (only
 *     rules or checks)
 */
public record BuildPolicy(Policy policy, @Nullable Policy criteria) {
  /** True for enabled policies with the BUILD stage: the ones an image check evaluates. */
  public static boolean appliesAtBuild(Policy policy) {
    return !policy.disabled() && policy.hasStage(LifecycleStage.BUILD);
  }

  public static BuildPolicy of(Policy policy) {
    return new BuildPolicy(policy, policy.sections().isEmpty() ? null : imageOnly(policy));
  }

  /** True when some criterion of the policy reads vulnerabilities. */
  public static boolean readsVulnerabilities(Policy policy) {
    for (PolicySection section : policy.sections()) {
      for (PolicyGroup group : section.groups()) {
        if (PolicyField.byName(group.fieldName())
            .filter(field -> ImageFields.VULNERABILITY.contains(field.fieldName()))
            .isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The policy without what reads a deployment: scopes, the container type filter, CEL rules and
   * native checks. Everything else, exclusions and enforcement included, is kept; so are the id,
   * name and categories exceptions name it by.
   */
  private static Policy imageOnly(Policy policy) {
    return new Policy(
        policy.id(),
        policy.name(),
        policy.description(),
        policy.rationale(),
        policy.remediation(),
        policy.disabled(),
        policy.categories(),
        policy.lifecycleStages(),
        policy.eventSource(),
        policy.exclusions(),
        List.of(),
        policy.severity(),
        policy.enforcementActions(),
        policy.notifiers(),
        policy.policyVersion(),
        policy.sections(),
        policy.mitreAttackVectors(),
        policy.criteriaLocked(),
        policy.mitreVectorsLocked(),
        policy.isDefault(),
        List.of(),
        policy.controls(),
        List.of(),
        List.of());
  }
}
