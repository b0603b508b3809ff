package dev.bulwark.cli.image;

import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One policy as an image check evaluates it, split into what the engine can decide and what it
 * cannot.
 *
 * <p>At build time StackRox matches the image alone: there is no deployment, so a policy's scopes,
 * container type filter, CEL rules and native checks (which read Kubernetes objects) take no part;
 * image exclusions do. The views below are the policy without them.
 *
 * <p>Criteria whose data the check has not got ({@link UnknownFields}) are decided in three-valued
 * logic, as the engine decides criteria that need image data it has not got: a false criterion in
 * the same section decides the section without them; a true section anywhere violates the policy;
 * otherwise the policy is not evaluated. {@link #decided()} holds the sections without such
 * criteria, evaluated as they are; {@link #undecided()} holds the other sections without those
 * criteria, so that a violation of it means "these sections might hold".
 *
 * @param policy the policy as loaded
 * @param decided the sections every criterion of which the check can decide; null when none
 * @param undecided the other sections, each without its unknown criteria; null when none
 * @param unknownReason why {@code undecided} lacks criteria: the fields left out and why they are
 *     unknown; empty when it is null
 */
record BuildPolicy(
    Policy policy, @Nullable Policy decided, @Nullable Policy undecided, String unknownReason) {
  /**
   * A criterion true of every image a check evaluates (the check scans the image it evaluates), so
   * that a section whose criteria are all unknown still has one, and still respects the policy's
   * image exclusions.
   */
  private static final PolicyGroup SCANNED_IMAGE =
      new PolicyGroup(
          PolicyField.UNSCANNED_IMAGE.fieldName(), BooleanOperator.OR, false, List.of("false"));

  /** True for enabled policies with the BUILD stage: the ones an image check evaluates. */
  static boolean appliesAtBuild(Policy policy) {
    return !policy.disabled() && policy.hasStage(LifecycleStage.BUILD);
  }

  /** The plan for one policy, given what the check cannot decide. */
  static BuildPolicy of(Policy policy, UnknownFields unknown) {
    List<PolicySection> decidable = new ArrayList<>();
    List<PolicySection> reduced = new ArrayList<>();
    Set<PolicyField> unknownFields = new LinkedHashSet<>();
    for (PolicySection section : policy.sections()) {
      List<PolicyGroup> known = new ArrayList<>();
      boolean scannedImage = false;
      for (PolicyGroup group : section.groups()) {
        if (unknown.isUnknown(group)) {
          UnknownFields.field(group).ifPresent(unknownFields::add);
        } else {
          known.add(group);
          scannedImage |=
              UnknownFields.field(group).filter(PolicyField.UNSCANNED_IMAGE::equals).isPresent();
        }
      }
      if (known.size() == section.groups().size()) {
        decidable.add(section);
      } else {
        if (!scannedImage) {
          known.add(SCANNED_IMAGE);
        }
        reduced.add(new PolicySection(section.sectionName(), known));
      }
    }
    return new BuildPolicy(
        policy,
        decidable.isEmpty() ? null : imageOnly(policy, decidable),
        reduced.isEmpty() ? null : imageOnly(policy, reduced),
        unknown.reason(List.copyOf(unknownFields)));
  }

  /**
   * The policy's criteria as an image check reads them, every section whole; null when it has no
   * criteria sections (only rules or checks).
   */
  static @Nullable Policy imageCriteria(Policy policy) {
    return policy.sections().isEmpty() ? null : imageOnly(policy, policy.sections());
  }

  /** True when the policy has no criteria an image can be judged by (only rules or checks). */
  boolean readsObjectsOnly() {
    return decided == null && undecided == null;
  }

  /**
   * The policy with {@code sections}, without what reads a deployment: scopes, the container type
   * filter, CEL rules and native checks. Everything else, exclusions and enforcement included, is
   * kept; so are the id, name and categories exceptions name it by.
   */
  private static Policy imageOnly(Policy policy, List<PolicySection> sections) {
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
        sections,
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
