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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates one policy against one object: scope and exclusions first, then the criteria sections
 * (OR'ed), the CEL rules and the native checks, then the waiver. Collects violations (deduplicated
 * by message) and the reasons a policy could not be decided. Checks judged across the input hand
 * what they keep of the object to a deferred outcome instead.
 */
final class PolicyRun {
  static final String RUNTIME_REASON = "runtime criterion: evaluated by the sensor";
  static final String IMAGE_DATA_REASON = "needs image data: ";
  static final String WHOLE_INPUT_REASON =
      "compares the object with the rest of the input: evaluate it as part of a whole input";

  private final PolicyProgram program;
  private final ObjectEvaluation object;
  private final @Nullable Consumer<DeferredOutcome> deferred;
  // Created on first use: most policies pass most objects, and this runs for every pair.
  private @Nullable Map<String, FieldPath> violations;
  private @Nullable Set<String> missingImageData;
  private @Nullable Map<String, Set<String>> unknownImageData;
  private @Nullable List<String> ruleErrors;
  private boolean needsSensor;
  private boolean needsWholeInput;
  private Truth criteria = Truth.FALSE;

  private PolicyRun(
      PolicyProgram program,
      ObjectEvaluation object,
      @Nullable Consumer<DeferredOutcome> deferred) {
    this.program = program;
    this.object = object;
    this.deferred = deferred;
  }

  /**
   * The policy's outcome for the object, or null when it passes or does not apply. What checks
   * judged across the input keep goes to {@code deferred}; when that is null, such checks leave the
   * policy undecided instead.
   */
  static @Nullable PolicyOutcome evaluate(
      PolicyProgram program,
      ObjectEvaluation object,
      @Nullable Consumer<DeferredOutcome> deferred) {
    if (!program.covers(object) || program.excludes(object)) {
      return null;
    }
    PolicyRun run = new PolicyRun(program, object, deferred);
    run.evaluateSections();
    run.evaluateRules();
    run.evaluateChecks();
    run.deferInputChecks();
    return run.outcome();
  }

  PolicyProgram program() {
    return program;
  }

  void violation(String message, FieldPath path) {
    if (violations == null) {
      violations = new LinkedHashMap<>();
    }
    violations.putIfAbsent(message, path);
  }

  /**
   * Records the fields that kept a section undecided: those without image data, and those the image
   * data declares unknown, by reason.
   */
  void unknownImageData(List<UnknownField> fields) {
    for (UnknownField field : fields) {
      String reason = field.reason();
      if (reason == null) {
        if (missingImageData == null) {
          missingImageData = new LinkedHashSet<>();
        }
        missingImageData.add(field.field().fieldName());
      } else {
        if (unknownImageData == null) {
          unknownImageData = new LinkedHashMap<>();
        }
        unknownImageData
            .computeIfAbsent(reason, key -> new LinkedHashSet<>())
            .add(field.field().fieldName());
      }
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
    if (!outcome.errors().isEmpty()) {
      if (ruleErrors == null) {
        ruleErrors = new ArrayList<>();
      }
      ruleErrors.addAll(outcome.errors());
    }
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

  private void deferInputChecks() {
    if (program.inputChecks().isEmpty()) {
      return;
    }
    ManifestObject manifest = object.input().object();
    Workload workload = object.input().workload();
    List<CheckEvaluator.Deferred> parts = null;
    for (CheckEvaluator.AcrossInput check : program.inputChecks()) {
      CheckEvaluator.Deferred part = check.defer(manifest, workload);
      if (part != null) {
        if (parts == null) {
          parts = new ArrayList<>(1);
        }
        parts.add(part);
      }
    }
    if (parts == null) {
      return;
    }
    if (deferred == null) {
      needsWholeInput = true;
    } else {
      deferred.accept(new DeferredOutcome(program, parts, program.waiver(object)));
    }
  }

  private @Nullable PolicyOutcome outcome() {
    Map<String, FieldPath> found = violations;
    if (found != null) {
      Waiver waiver = program.waiver(object);
      List<Violation> list = new ArrayList<>(found.size());
      found.forEach((message, path) ->
          list.add(new Violation(message, path, object.input().object().locate(path), waiver)));
      return PolicyOutcome.violated(program, list);
    }
    if (criteria != Truth.UNKNOWN && ruleErrors == null && !needsWholeInput) {
      return null;
    }
    List<String> reasons = new ArrayList<>();
    if (criteria == Truth.UNKNOWN) {
      if (missingImageData != null) {
        reasons.add(IMAGE_DATA_REASON + String.join(", ", missingImageData));
      }
      if (unknownImageData != null) {
        unknownImageData.forEach(
            (reason, fields) -> reasons.add("needs " + String.join(", ", fields) + ": " + reason));
      }
      if (needsSensor) {
        reasons.add(RUNTIME_REASON);
      }
    }
    if (ruleErrors != null) {
      reasons.addAll(ruleErrors);
    }
    if (needsWholeInput) {
      reasons.add(WHOLE_INPUT_REASON);
    }
    return reasons.isEmpty()
        ? null
        : PolicyOutcome.notEvaluated(program, String.join("; ", reasons));
  }
}
