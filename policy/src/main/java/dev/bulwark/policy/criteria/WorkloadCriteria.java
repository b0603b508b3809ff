package dev.bulwark.policy.criteria;

import dev.bulwark.core.context.RbacLevel;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Deployment-level criteria: decided once per workload. */
final class WorkloadCriteria {
  private static final FieldPath NAMESPACE = FieldPath.of("metadata", "namespace");
  private static final FieldPath LABELS = FieldPath.of("metadata", "labels");
  private static final FieldPath ANNOTATIONS = FieldPath.of("metadata", "annotations");
  private static final FieldPath REPLICAS = FieldPath.of("spec", "replicas");

  private WorkloadCriteria() {}

  static @Nullable Criterion<WorkloadFacts> namespace(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, String>of(PolicyField.NAMESPACE, group)
        .values(problems, Values::text)
        .reads(facts -> facts.workload().namespace())
        .describedAs(facts ->
            facts.kindName() + " is in namespace " + Text.quote(facts.workload().namespace()))
        .at(facts -> NAMESPACE)
        .build();
  }

  static @Nullable Criterion<WorkloadFacts> hostNetwork(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, Boolean>of(PolicyField.HOST_NETWORK, group)
        .values(problems, Values::bool)
        .reads(facts -> facts.workload().hostNetwork())
        .describedAs(facts ->
            facts.kindName()
                + (facts.workload().hostNetwork() ? " uses" : " does not use")
                + " the host network")
        .at(facts -> facts.workload().podSpecPath().key("hostNetwork"))
        .build();
  }

  static @Nullable Criterion<WorkloadFacts> hostPid(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, Boolean>of(PolicyField.HOST_PID, group)
        .values(problems, Values::bool)
        .reads(facts -> facts.workload().hostPid())
        .describedAs(facts ->
            facts.kindName()
                + (facts.workload().hostPid() ? " shares" : " does not share")
                + " the host's process ID namespace")
        .at(facts -> facts.workload().podSpecPath().key("hostPID"))
        .build();
  }

  static @Nullable Criterion<WorkloadFacts> hostIpc(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, Boolean>of(PolicyField.HOST_IPC, group)
        .values(problems, Values::bool)
        .reads(facts -> facts.workload().hostIpc())
        .describedAs(facts ->
            facts.kindName()
                + (facts.workload().hostIpc() ? " shares" : " does not share")
                + " the host's IPC namespace")
        .at(facts -> facts.workload().podSpecPath().key("hostIPC"))
        .build();
  }

  /** Kinds without replicas (Pod, DaemonSet, Job, CronJob) have no value and never match. */
  static @Nullable Criterion<WorkloadFacts> replicas(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, Double>of(PolicyField.REPLICAS, group)
        .values(problems, Values::number)
        .reads(facts -> replicaCount(facts))
        .describedAs(facts ->
            facts.kindName()
                + " has "
                + Text.plural(
                    Objects.requireNonNullElse(facts.workload().replicas(), 0),
                    "replica",
                    "replicas"))
        .at(facts -> REPLICAS)
        .build();
  }

  private static @Nullable Double replicaCount(WorkloadFacts facts) {
    Integer replicas = facts.workload().replicas();
    return replicas == null ? null : replicas.doubleValue();
  }

  static @Nullable Criterion<WorkloadFacts> requiredLabel(
      PolicyGroup group, List<ValueProblem> problems) {
    return required(
        PolicyField.REQUIRED_LABEL,
        "label",
        group,
        problems,
        facts -> facts.workload().labels(),
        LABELS);
  }

  static @Nullable Criterion<WorkloadFacts> requiredAnnotation(
      PolicyGroup group, List<ValueProblem> problems) {
    return required(
        PolicyField.REQUIRED_ANNOTATION,
        "annotation",
        group,
        problems,
        facts -> facts.workload().annotations(),
        ANNOTATIONS);
  }

  /** Each value matches when no entry of the map matches it (StackRox's "should not contain"). */
  private static @Nullable Criterion<WorkloadFacts> required(
      PolicyField field,
      String noun,
      PolicyGroup group,
      List<ValueProblem> problems,
      Function<WorkloadFacts, Map<String, String>> entries,
      FieldPath path) {
    List<KeyValuePattern> patterns = Values.parseAll(group, problems, KeyValuePattern::parse);
    if (patterns == null) {
      return null;
    }
    List<Predicate<Map<String, String>>> tests = new ArrayList<>();
    for (KeyValuePattern pattern : patterns) {
      tests.add(map -> !pattern.presentIn(map));
    }
    return CriterionBuilder.<WorkloadFacts, Map<String, String>>of(field, group)
        .tests(tests)
        .reads(entries)
        .describedAs(facts -> describeMissing(facts, noun, patterns, entries.apply(facts)))
        .at(facts -> path)
        .build();
  }

  private static String describeMissing(
      WorkloadFacts facts, String noun, List<KeyValuePattern> patterns, Map<String, String> map) {
    List<String> missing = new ArrayList<>();
    for (KeyValuePattern pattern : patterns) {
      if (!pattern.presentIn(map)) {
        missing.add(pattern.source());
      }
    }
    if (missing.isEmpty()) {
      return facts.kindName() + " has the required " + noun + "s";
    }
    return facts.kindName()
        + " has no "
        + noun
        + " matching "
        + String.join(" or ", quoted(missing));
  }

  private static List<String> quoted(List<String> texts) {
    List<String> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(Text.quote(text));
    }
    return out;
  }

  /** Matches when some annotation matches; the message names keys only, never values. */
  static @Nullable Criterion<WorkloadFacts> disallowedAnnotation(
      PolicyGroup group, List<ValueProblem> problems) {
    List<KeyValuePattern> patterns = Values.parseAll(group, problems, KeyValuePattern::parse);
    if (patterns == null) {
      return null;
    }
    List<Predicate<Map<String, String>>> tests = new ArrayList<>();
    for (KeyValuePattern pattern : patterns) {
      tests.add(pattern::presentIn);
    }
    return CriterionBuilder.<WorkloadFacts, Map<String, String>>of(
            PolicyField.DISALLOWED_ANNOTATION, group)
        .tests(tests)
        .reads(facts -> facts.workload().annotations())
        .describedAs(facts -> describePresent(facts, patterns))
        .at(facts -> firstPresentPath(facts, patterns))
        .build();
  }

  private static List<String> presentKeys(WorkloadFacts facts, List<KeyValuePattern> patterns) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, String> entry : facts.workload().annotations().entrySet()) {
      for (KeyValuePattern pattern : patterns) {
        if (pattern.matches(entry.getKey(), entry.getValue())) {
          keys.add(entry.getKey());
          break;
        }
      }
    }
    return keys;
  }

  private static String describePresent(WorkloadFacts facts, List<KeyValuePattern> patterns) {
    List<String> keys = presentKeys(facts, patterns);
    if (keys.isEmpty()) {
      return facts.kindName() + " has none of the disallowed annotations";
    }
    return facts.kindName()
        + " has "
        + (keys.size() == 1 ? "annotation " : "annotations ")
        + Text.quoteAll(keys);
  }

  private static FieldPath firstPresentPath(WorkloadFacts facts, List<KeyValuePattern> patterns) {
    List<String> keys = presentKeys(facts, patterns);
    return keys.isEmpty() ? ANNOTATIONS : ANNOTATIONS.key(keys.get(0));
  }

  static @Nullable Criterion<WorkloadFacts> serviceAccount(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, String>of(PolicyField.SERVICE_ACCOUNT, group)
        .values(problems, Values::text)
        .reads(facts -> facts.workload().serviceAccountName())
        .describedAs(facts ->
            facts.kindName()
                + " runs as service account "
                + Text.quote(facts.workload().serviceAccountName()))
        .at(facts -> facts.workload().podSpecPath().key("serviceAccountName"))
        .build();
  }

  /** Effective automounting: the pod's setting, else the service account's, else true. */
  static @Nullable Criterion<WorkloadFacts> automountServiceAccountToken(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, Boolean>of(
            PolicyField.AUTOMOUNT_SERVICE_ACCOUNT_TOKEN, group)
        .values(problems, Values::bool)
        .reads(facts -> facts.context().automountServiceAccountToken())
        .describedAs(facts ->
            "Service account "
                + Text.quote(facts.workload().serviceAccountName())
                + " has token automounting "
                + (facts.context().automountServiceAccountToken() ? "enabled" : "disabled"))
        .at(facts -> facts.workload().podSpecPath().key("automountServiceAccountToken"))
        .build();
  }

  /** Matches when the service account's level is at least the value's. */
  static @Nullable Criterion<WorkloadFacts> minimumRbacPermissions(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, RbacLevel>of(
            PolicyField.MINIMUM_RBAC_PERMISSIONS, group)
        .values(
            problems,
            value -> {
              RbacLevel minimum = Values.constant(RbacLevel.class, value);
              return level -> level.compareTo(minimum) >= 0;
            })
        .reads(facts -> facts.context().rbacLevel())
        .describedAs(facts ->
            "Service account "
                + Text.quote(facts.workload().serviceAccountName())
                + " has "
                + describe(facts.context().rbacLevel()))
        .at(facts -> facts.workload().podSpecPath().key("serviceAccountName"))
        .build();
  }

  private static String describe(RbacLevel level) {
    return switch (level) {
      case DEFAULT -> "default permissions";
      case ELEVATED_IN_NAMESPACE -> "elevated permissions in its namespace";
      case ELEVATED_CLUSTER_WIDE -> "elevated permissions across the cluster";
      case CLUSTER_ADMIN -> "cluster-admin permissions";
    };
  }

  static @Nullable Criterion<WorkloadFacts> hasIngressNetworkPolicy(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, Boolean>of(
            PolicyField.HAS_INGRESS_NETWORK_POLICY, group)
        .values(problems, Values::bool)
        .reads(facts -> facts.context().hasIngressPolicy())
        .describedAs(facts ->
            facts.kindName()
                + (facts.context().hasIngressPolicy() ? " has an" : " has no")
                + " ingress network policy")
        .at(facts -> FieldPath.ROOT)
        .build();
  }

  static @Nullable Criterion<WorkloadFacts> hasEgressNetworkPolicy(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, Boolean>of(PolicyField.HAS_EGRESS_NETWORK_POLICY, group)
        .values(problems, Values::bool)
        .reads(facts -> facts.context().hasEgressPolicy())
        .describedAs(facts ->
            facts.kindName()
                + (facts.context().hasEgressPolicy() ? " has an" : " has no")
                + " egress network policy")
        .at(facts -> FieldPath.ROOT)
        .build();
  }

  /** An unset runtime class reads as "" (as in StackRox), so negated groups can match it. */
  static @Nullable Criterion<WorkloadFacts> runtimeClass(
      PolicyGroup group, List<ValueProblem> problems) {
    return CriterionBuilder.<WorkloadFacts, String>of(PolicyField.RUNTIME_CLASS, group)
        .values(problems, Values::text)
        .reads(facts -> Objects.requireNonNullElse(facts.workload().runtimeClassName(), ""))
        .describedAs(facts -> describeRuntimeClass(facts))
        .at(facts -> facts.workload().podSpecPath().key("runtimeClassName"))
        .build();
  }

  private static String describeRuntimeClass(WorkloadFacts facts) {
    String runtimeClass = facts.workload().runtimeClassName();
    return runtimeClass == null || runtimeClass.isEmpty()
        ? facts.kindName() + " sets no runtime class"
        : facts.kindName() + " uses runtime class " + Text.quote(runtimeClass);
  }
}
