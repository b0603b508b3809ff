package dev.bulwark.policy.engine;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.cel.CelMatch;
import dev.bulwark.policy.cel.CelOutcome;
import dev.bulwark.policy.check.CheckEvaluator;
import dev.bulwark.policy.criteria.SectionCriteria;
import dev.bulwark.policy.criteria.Truth;
import dev.bulwark.policy.criteria.WorkloadFacts;
import dev.bulwark.policy.field.PolicyField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates one policy against one object: scope and exclusions first, then the criteria sections
 * (OR'ed), the CEL rules and the native checks, then the waiver. Collects violations (deduplicated
 * by message) and the reasons a policy could not be decided.
 */
final class PolicyRun {
  static final String RUNTIME_REASON = "runtime criterion: evaluated by the sensor";
  static final String IMAGE_DATA_REASON = "needs image data: ";

  private final PolicyProgram program;
  private final ObjectEvaluation object;
  private final Map<String, FieldPath> violations = new LinkedHashMap<>();
  private final Set<String> missingImageData = new LinkedHashSet<>();
  private final List<String> ruleErrors = new ArrayList<>();
  private boolean needsSensor;
  private Truth criteria = Truth.FALSE;

  private PolicyRun(PolicyProgram program, ObjectEvaluation object) {
    this.program = program;
    this.object = object;
  }

  /** The policy's outcome for the object, or null when it passes or does not apply. */
  static @Nullable PolicyOutcome evaluate(PolicyProgram program, ObjectEvaluation object) {
    if (!program.covers(object) || program.excludes(object)) {
      return null;
    }
    PolicyRun run = new PolicyRun(program, object);
    run.evaluateSections();
    run.evaluateRules();
    run.evaluateChecks();
    return run.outcome();
  }

  PolicyProgram program() {
    return program;
  }

  void violation(String message, FieldPath path) {
    violations.putIfAbsent(message, path);
  }

  void missingImageData(List<PolicyField> fields) {
    for (PolicyField field : fields) {
      missingImageData.add(field.fieldName());
    }
  }

  void needsSensor() {
    needsSensor = true;
  }

  /**
   * Sections are OR'ed: any true section violates the policy, else any unknown one leaves it
   * undecided. Criteria read workloads only; other objects are left to CEL rules and native checks.
   */
  private void evaluateSections() {
    WorkloadFacts facts = object.facts();
    if (facts == null) {
      return;
    }
    for (SectionCriteria section : program.sections()) {
      criteria = criteria.or(SectionEvaluator.evaluate(section, facts, object, this));
    }
  }

  private void evaluateRules() {
    if (!program.hasRules()) {
      return;
    }
    CelOutcome outcome = program.rules().evaluate(object.celVariables());
    for (CelMatch match : outcome.matches()) {
      violation(match.message(), match.path());
    }
    ruleErrors.addAll(outcome.errors());
  }

  private void evaluateChecks() {
    ManifestObject manifest = object.input().object();
    Workload workload = object.input().workload();
    for (CheckEvaluator.PerObject check : program.objectChecks()) {
      check.evaluate(manifest, workload, this::violation);
    }
    if (workload == null || program.containerChecks().isEmpty()) {
      return;
    }
    for (Container container : workload.containers()) {
      if (program.evaluates(container, object)) {
        for (CheckEvaluator.PerContainer check : program.containerChecks()) {
          check.evaluate(container, workload, this::violation);
        }
      }
    }
  }

  private @Nullable PolicyOutcome outcome() {
    if (!violations.isEmpty()) {
      Waiver waiver = program.waiver(object);
      List<Violation> list = new ArrayList<>(violations.size());
      violations.forEach((message, path) ->
          list.add(new Violation(message, path, object.input().object().locate(path), waiver)));
      return PolicyOutcome.violated(program, list);
    }
    List<String> reasons = new ArrayList<>();
    if (criteria == Truth.UNKNOWN) {
      if (!missingImageData.isEmpty()) {
        reasons.add(IMAGE_DATA_REASON + String.join(", ", missingImageData));
      }
      if (needsSensor) {
        reasons.add(RUNTIME_REASON);
      }
    }
    reasons.addAll(ruleErrors);
    return reasons.isEmpty()
        ? null
        : PolicyOutcome.notEvaluated(program, String.join("; ", reasons));
  }
}
