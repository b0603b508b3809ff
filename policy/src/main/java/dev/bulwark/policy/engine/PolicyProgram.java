package dev.bulwark.policy.engine;

import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerType;
import dev.bulwark.policy.cel.CelRuleSet;
import dev.bulwark.policy.check.CheckEvaluator;
import dev.bulwark.policy.check.InvalidCheckParameterException;
import dev.bulwark.policy.check.NativeCheck;
import dev.bulwark.policy.check.NativeChecks;
import dev.bulwark.policy.criteria.SectionCriteria;
import dev.bulwark.policy.criteria.ValueProblem;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.model.CheckReference;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One policy compiled for evaluation: its sections' criteria, scopes, exclusions, CEL rules, native
 * checks and the exceptions that name it. Immutable and thread-safe.
 *
 * <p>Containers of every type are evaluated unless the policy's {@code skipContainerTypes} names
 * REGULAR or INIT; ephemeral containers (debug containers added to running pods) are always
 * evaluated, since they run with the pod's privileges and StackRox's filter cannot name them.
 */
final class PolicyProgram implements CompiledPolicy {
  static final String WAIVER_ANNOTATION_PREFIX = "ignore-check.bulwark.dev/";

  private final Policy policy;
  private final Set<LifecycleStage> stages;
  private final List<SectionCriteria> sections;
  private final List<ScopeMatcher> scopes;
  private final List<ExclusionMatcher> exclusions;
  private final Set<ContainerType> skippedContainerTypes;
  private final CelRuleSet rules;
  private final List<CheckEvaluator.PerObject> objectChecks;
  private final List<CheckEvaluator.PerContainer> containerChecks;
  private final List<CheckEvaluator.AcrossInput> inputChecks;
  private final List<ExceptionMatcher> exceptions;
  private final List<String> waiverAnnotations;
  private final boolean requiresImageData;
  private final boolean hasRuntimeCriteria;

  private PolicyProgram(
      Policy policy,
      List<SectionCriteria> sections,
      List<ScopeMatcher> scopes,
      List<ExclusionMatcher> exclusions,
      Set<ContainerType> skippedContainerTypes,
      CelRuleSet rules,
      List<CheckEvaluator> checks,
      List<ExceptionMatcher> exceptions) {
    this.policy = policy;
    this.stages =
        policy.lifecycleStages().isEmpty()
            ? EnumSet.noneOf(LifecycleStage.class)
            : EnumSet.copyOf(policy.lifecycleStages());
    this.sections = List.copyOf(sections);
    this.scopes = List.copyOf(scopes);
    this.exclusions = List.copyOf(exclusions);
    this.skippedContainerTypes = Set.copyOf(skippedContainerTypes);
    this.rules = rules;
    List<CheckEvaluator.PerObject> perObject = new ArrayList<>();
    List<CheckEvaluator.PerContainer> perContainer = new ArrayList<>();
    List<CheckEvaluator.AcrossInput> acrossInput = new ArrayList<>();
    for (CheckEvaluator check : checks) {
      switch (check) {
        case CheckEvaluator.PerObject object -> perObject.add(object);
        case CheckEvaluator.PerContainer container -> perContainer.add(container);
        case CheckEvaluator.AcrossInput input -> acrossInput.add(input);
      }
    }
    this.objectChecks = List.copyOf(perObject);
    this.containerChecks = List.copyOf(perContainer);
    this.inputChecks = List.copyOf(acrossInput);
    this.exceptions = List.copyOf(exceptions);
    this.waiverAnnotations = waiverAnnotations(policy);
    this.requiresImageData = sections.stream().anyMatch(SectionCriteria::readsImageData);
    this.hasRuntimeCriteria = sections.stream().anyMatch(section -> !section.runtime().isEmpty());
  }

  /** Compiles the policy, adding every problem found to {@code problems}. */
  static PolicyProgram compile(
      Policy policy, List<ExceptionMatcher> allExceptions, List<Problem> problems) {
    ProblemSink sink = new ProblemSink("policy", policy.name(), problems);
    List<SectionCriteria> sections = compileSections(policy, sink);
    if (!policy.hasCriteria()) {
      sink.add(
          "policySections", "the policy has no criteria, rules or checks, so it can never match");
    }
    List<ScopeMatcher> scopes = new ArrayList<>();
    for (int i = 0; i < policy.scope().size(); i++) {
      scopes.add(ScopeMatcher.compile(policy.scope().get(i), "scope[" + i + "]", sink));
    }
    List<ExclusionMatcher> exclusions = new ArrayList<>();
    for (int i = 0; i < policy.exclusions().size(); i++) {
      exclusions.add(
          ExclusionMatcher.compile(policy.exclusions().get(i), "exclusions[" + i + "]", sink));
    }
    List<ExceptionMatcher> exceptions = new ArrayList<>();
    for (ExceptionMatcher exception : allExceptions) {
      if (exception.targets(policy)) {
        exceptions.add(exception);
      }
    }
    return new PolicyProgram(
        policy,
        sections,
        scopes,
        exclusions,
        skippedContainerTypes(policy, sink),
        compileRules(policy, problems),
        bindChecks(policy, sink),
        exceptions);
  }

  private static List<SectionCriteria> compileSections(Policy policy, ProblemSink sink) {
    List<SectionCriteria> sections = new ArrayList<>();
    for (int i = 0; i < policy.sections().size(); i++) {
      sections.add(compileSection(policy.sections().get(i), "policySections[" + i + "]", sink));
    }
    return sections;
  }

  private static SectionCriteria compileSection(
      PolicySection section, String path, ProblemSink sink) {
    SectionCriteria.Builder builder = SectionCriteria.builder();
    if (section.groups().isEmpty()) {
      sink.add(path + ".policyGroups", "the section has no criteria");
    }
    Set<PolicyField> seen = new HashSet<>();
    for (int j = 0; j < section.groups().size(); j++) {
      PolicyGroup group = section.groups().get(j);
      String groupPath = path + ".policyGroups[" + j + "]";
      Optional<PolicyField> field = PolicyField.byName(group.fieldName());
      if (field.isEmpty()) {
        sink.add(
            groupPath + ".fieldName",
            "unknown criterion \""
                + group.fieldName()
                + "\"; use one of StackRox's policy field names, such as \"Privileged Container\"");
        continue;
      }
      if (!seen.add(field.get())) {
        sink.add(
            groupPath + ".fieldName",
            "\""
                + field.get().fieldName()
                + "\" appears more than once in this section; put all its values in one group");
        continue;
      }
      List<ValueProblem> problems = new ArrayList<>();
      builder.add(field.get(), group, problems);
      for (ValueProblem problem : problems) {
        String valuePath =
            problem.valueIndex() == ValueProblem.GROUP
                ? groupPath
                : groupPath + ".values[" + problem.valueIndex() + "]";
        sink.add(valuePath, problem.reason());
      }
    }
    return builder.build();
  }

  private static Set<ContainerType> skippedContainerTypes(Policy policy, ProblemSink sink) {
    Set<ContainerType> skipped = EnumSet.noneOf(ContainerType.class);
    for (int i = 0; i < policy.skipContainerTypes().size(); i++) {
      String type = policy.skipContainerTypes().get(i).trim().toUpperCase(Locale.ROOT);
      switch (type) {
        case "REGULAR" -> skipped.add(ContainerType.REGULAR);
        case "INIT" -> skipped.add(ContainerType.INIT);
        default ->
            sink.add(
                "skipContainerTypes[" + i + "]",
                "expected REGULAR or INIT, found \"" + policy.skipContainerTypes().get(i) + "\"");
      }
    }
    return skipped;
  }

  /** The CEL compiler names the policy, the rule and the position itself. */
  private static CelRuleSet compileRules(Policy policy, List<Problem> problems) {
    try {
      return CelRuleSet.compile(policy.name(), policy.rules());
    } catch (InvalidPolicyException e) {
      problems.addAll(e.problems());
      return CelRuleSet.EMPTY;
    }
  }

  /** The reader has validated ids and parameters; policies built in code may still be wrong. */
  private static List<CheckEvaluator> bindChecks(Policy policy, ProblemSink sink) {
    List<CheckEvaluator> bound = new ArrayList<>();
    for (int i = 0; i < policy.checks().size(); i++) {
      CheckReference reference = policy.checks().get(i);
      String path = "checks[" + i + "]";
      Optional<NativeCheck> check = NativeChecks.byId(reference.check());
      if (check.isEmpty()) {
        sink.add(path + ".check", "no native check is called \"" + reference.check() + "\"");
        continue;
      }
      try {
        bound.add(check.get().bind(reference.parameters()));
      } catch (InvalidCheckParameterException e) {
        sink.add(path + ".parameters." + e.parameter(), e.reason());
      }
    }
    return bound;
  }

  private static List<String> waiverAnnotations(Policy policy) {
    List<String> keys = new ArrayList<>(2);
    if (!policy.id().isEmpty()) {
      keys.add(WAIVER_ANNOTATION_PREFIX + policy.id());
    }
    String slug = slug(policy.name());
    if (!slug.isEmpty() && !slug.equals(policy.id())) {
      keys.add(WAIVER_ANNOTATION_PREFIX + slug);
    }
    return List.copyOf(keys);
  }

  /** "Latest tag" becomes "latest-tag": lower case, other runs of characters become one dash. */
  static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  @Override
  public Policy policy() {
    return policy;
  }

  @Override
  public boolean requiresImageData() {
    return requiresImageData;
  }

  @Override
  public boolean hasRuntimeCriteria() {
    return hasRuntimeCriteria;
  }

  List<SectionCriteria> sections() {
    return sections;
  }

  CelRuleSet rules() {
    return rules;
  }

  boolean hasRules() {
    return !rules.isEmpty();
  }

  List<CheckEvaluator.PerObject> objectChecks() {
    return objectChecks;
  }

  List<CheckEvaluator.PerContainer> containerChecks() {
    return containerChecks;
  }

  List<CheckEvaluator.AcrossInput> inputChecks() {
    return inputChecks;
  }

  @Override
  public boolean evaluatesEveryObject() {
    return !rules.isEmpty() || !objectChecks.isEmpty() || !inputChecks.isEmpty();
  }

  @Override
  public boolean judgesAcrossInput() {
    return !inputChecks.isEmpty();
  }

  boolean appliesAt(LifecycleStage stage) {
    return !policy.disabled() && stages.contains(stage);
  }

  /** True when the policy has no scope or one of its scopes covers the object. */
  boolean covers(ObjectEvaluation object) {
    if (scopes.isEmpty()) {
      return true;
    }
    for (ScopeMatcher scope : scopes) {
      if (scope.matches(object)) {
        return true;
      }
    }
    return false;
  }

  /** True when a deployment exclusion skips the object (not at build time: no deployment yet). */
  boolean excludes(ObjectEvaluation object) {
    if (object.stage() == LifecycleStage.BUILD) {
      return false;
    }
    for (ExclusionMatcher exclusion : exclusions) {
      if (exclusion.excludes(object)) {
        return true;
      }
    }
    return false;
  }

  /** False for skipped container types and, at build time, for images an exclusion names. */
  boolean evaluates(Container container, ObjectEvaluation object) {
    if (skippedContainerTypes.contains(container.type())) {
      return false;
    }
    if (object.stage() != LifecycleStage.BUILD) {
      return true;
    }
    for (ExclusionMatcher exclusion : exclusions) {
      if (exclusion.excludes(container.image(), object.input().now())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The waiver of this policy for the object: the first exception in force that covers it, else the
   * object's {@code ignore-check.bulwark.dev/<policy id or name slug>} annotation.
   */
  @Nullable Waiver waiver(ObjectEvaluation object) {
    for (ExceptionMatcher exception : exceptions) {
      if (exception.covers(object)) {
        return exception.waiver();
      }
    }
    for (String key : waiverAnnotations) {
      String reason = object.annotations().get(key);
      if (reason != null) {
        return new Waiver(Waiver.Kind.ANNOTATION, key, reason, null, null, null);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "CompiledPolicy[" + policy.name() + "]";
  }
}
