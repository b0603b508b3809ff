package dev.bulwark.policy.io;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.text.Suggestions;
import dev.bulwark.policy.check.InvalidCheckParameterException;
import dev.bulwark.policy.check.NativeCheck;
import dev.bulwark.policy.check.NativeChecks;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.field.PolicyField.RuntimeType;
import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.CelRule;
import dev.bulwark.policy.model.CheckReference;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LabelSelector;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import dev.bulwark.policy.model.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks a policy against the rules StackRox applies when a policy is created or imported (name,
 * description, stages, event source, categories, scopes, exclusions, enforcement and every
 * criterion: known field, allowed stage and event source, values, negation, operators and field
 * dependencies), plus the rules for Bulwark's additions (CEL rules and control tags).
 *
 * <p>Every problem is reported, not just the first. Stateless and thread-safe.
 */
public final class PolicyValidator {
  // StackRox's own limits; RE2 counts characters as code points, as StackRox (Go) does.
  private static final List<String> FIELD_NAMES =
      Stream.of(PolicyField.values()).map(PolicyField::fieldName).toList();
  private static final Set<PolicyField> NOT_ENFORCEABLE =
      EnumSet.of(PolicyField.HAS_INGRESS_NETWORK_POLICY, PolicyField.HAS_EGRESS_NETWORK_POLICY);

  /** A field that needs another one in the same section. */
  private static final List<Map.Entry<PolicyField, PolicyField>> DEPENDENCIES =
      List.of(
          Map.entry(PolicyField.FILE_OPERATION, PolicyField.FILE_PATH),
          Map.entry(PolicyField.KUBERNETES_USER_NAME, PolicyField.KUBERNETES_RESOURCE),
          Map.entry(PolicyField.KUBERNETES_USER_GROUPS, PolicyField.KUBERNETES_RESOURCE));

  /** Fields every section of a policy with this event source must have. */
  private static final Map<EventSource, List<PolicyField>> REQUIRED_BY_EVENT_SOURCE =
      Map.of(
          EventSource.AUDIT_LOG_EVENT,
              List.of(PolicyField.KUBERNETES_RESOURCE, PolicyField.KUBERNETES_API_VERB),
          EventSource.NODE_EVENT, List.of(PolicyField.FILE_PATH));

  private final Policy policy;
  private final List<FieldIssue> issues = new ArrayList<>();

  private PolicyValidator(Policy policy) {
    this.policy = policy;
  }

  /** Every problem with {@code policy}; empty when it is valid. */
  public static List<FieldIssue> validate(Policy policy) {
    PolicyValidator validator = new PolicyValidator(policy);
    validator.run();
    return List.copyOf(validator.issues);
  }

  private void run() {
    checkMetadata();
    checkEventSource();
    checkCriteria();
    checkStages();
    checkCapabilities();
    checkEnforcement();
    checkScopes();
    checkExclusions();
    checkEvaluationFilter();
    checkRules();
    checkNativeChecks();
    checkControls();
  }

  private void report(FieldPath path, String reason) {
    issues.add(new FieldIssue(path, reason));
  }

  private static FieldPath at(String key) {
    return FieldPath.of(key);
  }

  private void checkMetadata() {
    if (policy.name().isBlank()) {
      report(at("name"), "a policy must have a name");
    } else if (!isValidName(policy.name())) {
      report(at("name"), "the name must be 5 to 128 characters long, without line breaks or '$'");
    }
    if (!isValidDescription(policy.description())) {
      report(at("description"), "the description must be at most 800 characters, without '$'");
    }
    if (!policy.policyVersion().equals(PolicyMapper.CURRENT_POLICY_VERSION)) {
      report(
          at("policyVersion"),
          "policy version \""
              + policy.policyVersion()
              + "\" is not supported; only 1.1 is (export the policy again from a current"
              + " StackRox)");
    }
    if (policy.lifecycleStages().isEmpty()) {
      report(
          at("lifecycleStages"),
          "a policy must apply to at least one lifecycle stage: BUILD, DEPLOY or RUNTIME");
    }
    if (policy.categories().isEmpty()) {
      report(at("categories"), "a policy must have at least one category");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < policy.categories().size(); i++) {
      String category = policy.categories().get(i);
      if (!seen.add(category)) {
        report(at("categories").index(i), "category \"" + category + "\" is listed twice");
      }
    }
  }

  private void checkEventSource() {
    EventSource source = policy.eventSource();
    if (policy.hasStage(LifecycleStage.RUNTIME) && source == EventSource.NOT_APPLICABLE) {
      report(
          at("eventSource"),
          "a runtime policy needs an event source: DEPLOYMENT_EVENT, AUDIT_LOG_EVENT or"
              + " NODE_EVENT");
    }
    if ((policy.hasStage(LifecycleStage.BUILD) || policy.hasStage(LifecycleStage.DEPLOY))
        && source != EventSource.NOT_APPLICABLE) {
      report(
          at("eventSource"),
          "event source "
              + source
              + " applies only to runtime policies; remove it or the BUILD and DEPLOY stages");
    }
    if (source == EventSource.AUDIT_LOG_EVENT) {
      checkAuditLogPolicy();
    }
  }

  private void checkAuditLogPolicy() {
    if (!policy.enforcementActions().isEmpty()) {
      report(
          at("enforcementActions"),
          "audit-log policies cannot be enforced; remove the enforcement actions");
    }
    for (int i = 0; i < policy.scope().size(); i++) {
      if (policy.scope().get(i).label() != null) {
        report(
            at("scope").index(i).key("label"),
            "audit-log policies cannot be scoped by deployment label");
      }
    }
    for (int i = 0; i < policy.exclusions().size(); i++) {
      Exclusion.Deployment deployment = policy.exclusions().get(i).deployment();
      FieldPath path = at("exclusions").index(i).key("deployment");
      if (deployment == null) {
        continue;
      }
      if (deployment.name() != null) {
        report(
            path.key("name"), "audit-log policies cannot exclude deployments by name; remove it");
      }
      if (deployment.scope() != null && deployment.scope().label() != null) {
        report(
            path.key("scope").key("label"),
            "audit-log policies cannot exclude by deployment label");
      }
    }
  }

  private void checkCriteria() {
    if (!policy.hasCriteria()) {
      report(
          at("policySections"),
          "a policy needs at least one policy section with criteria (or a Bulwark CEL rule or"
              + " native check)");
    }
    for (int i = 0; i < policy.sections().size(); i++) {
      checkSection(policy.sections().get(i), at("policySections").index(i));
    }
  }

  private void checkSection(PolicySection section, FieldPath path) {
    if (section.groups().isEmpty()) {
      report(
          path.key("policyGroups"),
          "the section has no criteria; add policy groups or remove the section");
    }
    Set<PolicyField> seen = EnumSet.noneOf(PolicyField.class);
    for (int i = 0; i < section.groups().size(); i++) {
      PolicyGroup group = section.groups().get(i);
      FieldPath groupPath = path.key("policyGroups").index(i);
      Optional<PolicyField> field = knownField(group, groupPath);
      if (field.isPresent()) {
        if (!seen.add(field.get())) {
          report(
              groupPath,
              "\""
                  + group.fieldName()
                  + "\" is used twice in this section; put all its values in one group");
        }
        checkGroup(field.get(), group, groupPath);
      }
    }
    for (Map.Entry<PolicyField, PolicyField> dependency : DEPENDENCIES) {
      if (seen.contains(dependency.getKey()) && !seen.contains(dependency.getValue())) {
        report(
            path,
            "a section with \""
                + dependency.getKey().fieldName()
                + "\" must also have \""
                + dependency.getValue().fieldName()
                + "\"");
      }
    }
    for (PolicyField required :
        REQUIRED_BY_EVENT_SOURCE.getOrDefault(policy.eventSource(), List.of())) {
      if (!seen.contains(required)) {
        report(
            path,
            policy.eventSource()
                + " policies need \""
                + required.fieldName()
                + "\" in every section");
      }
    }
  }

  private Optional<PolicyField> knownField(PolicyGroup group, FieldPath path) {
    String name = group.fieldName();
    Optional<PolicyField> field = PolicyField.byExactName(name);
    if (field.isPresent()) {
      return field;
    }
    if (name.isBlank()) {
      report(path.key("fieldName"), "the policy group has no fieldName; name its criterion");
      return Optional.empty();
    }
    Optional<PolicyField> caseInsensitive = PolicyField.byName(name);
    String reason =
        caseInsensitive
            .map(match ->
                "unknown field \""
                    + name
                    + "\"; field names are case-sensitive: did you mean \""
                    + match.fieldName()
                    + "\"?")
            .or(() ->
                Suggestions.closest(name, FIELD_NAMES)
                    .map(
                        match -> "unknown field \"" + name + "\"; did you mean \"" + match + "\"?"))
            .orElse(
                "unknown field \""
                    + name
                    + "\"; see the StackRox policy criteria reference for the field names");
    report(path, reason);
    return Optional.empty();
  }

  private void checkGroup(PolicyField field, PolicyGroup group, FieldPath path) {
    String name = "\"" + field.fieldName() + "\"";
    checkEventSourceOf(field, path);
    if (group.values().isEmpty()) {
      report(path.key("values"), name + " has no values; add at least one");
    }
    if (group.negate() && field.negationForbidden()) {
      report(path.key("negate"), name + " cannot be negated");
    }
    if (group.values().size() > 1 && field.singleValue()) {
      report(path.key("values"), name + " takes a single value, found " + group.values().size());
    }
    if (field == PolicyField.IMAGE_SIGNATURE_VERIFIED_BY
        && group.booleanOperator() == BooleanOperator.AND) {
      report(path.key("booleanOperator"), name + " cannot combine its values with AND; use OR");
    }
    for (int i = 0; i < group.values().size(); i++) {
      int index = i;
      field
          .valueKind()
          .check(group.values().get(i), policy.eventSource())
          .ifPresent(reason -> report(path.key("values").index(index), name + ": " + reason));
    }
  }

  private void checkEventSourceOf(PolicyField field, FieldPath path) {
    EventSource source = policy.eventSource();
    boolean deployTimeField = field.eventSources().contains(EventSource.NOT_APPLICABLE);
    if (!deployTimeField && !field.eventSources().contains(source)) {
      if (policy.hasStage(LifecycleStage.RUNTIME)) {
        report(
            path,
            "\""
                + field.fieldName()
                + "\" cannot be used with event source "
                + source
                + "; it needs "
                + String.join(
                    " or ", field.eventSources().stream().map(Enum::name).sorted().toList()));
      }
    } else if (deployTimeField
        && (source == EventSource.AUDIT_LOG_EVENT || source == EventSource.NODE_EVENT)) {
      report(
          path,
          "\""
              + field.fieldName()
              + "\" describes a deployment and cannot be used in "
              + source
              + " policies, which see only their events");
    }
  }

  private void checkStages() {
    List<PolicyField> fields = usedFields();
    for (int i = 0; i < policy.sections().size(); i++) {
      List<PolicyGroup> groups = policy.sections().get(i).groups();
      for (int j = 0; j < groups.size(); j++) {
        FieldPath path = at("policySections").index(i).key("policyGroups").index(j);
        PolicyField.byExactName(groups.get(j).fieldName())
            .ifPresent(field -> checkStagesOf(field, path));
      }
    }
    boolean allFieldsKnown =
        policy.sections().stream()
            .flatMap(section -> section.groups().stream())
            .allMatch(group -> PolicyField.byExactName(group.fieldName()).isPresent());
    // With unknown fields reported, whether a runtime criterion is missing cannot be told.
    if (policy.hasStage(LifecycleStage.RUNTIME) && !policy.sections().isEmpty() && allFieldsKnown) {
      if (fields.stream().noneMatch(PolicyField::isRuntime)) {
        report(
            at("policySections"),
            "a runtime policy needs at least one runtime criterion (process, network flow, file"
                + " access, Kubernetes event or audit log)");
      } else if (!compatibleRuntimeCategories()) {
        report(
            at("policySections"),
            "a runtime policy cannot mix runtime criteria of different kinds: process and file"
                + " criteria go in the same section and cannot be combined with network flow or"
                + " Kubernetes event criteria");
      }
    }
  }

  private void checkStagesOf(PolicyField field, FieldPath path) {
    String name = "\"" + field.fieldName() + "\"";
    if (policy.hasStage(LifecycleStage.BUILD) && !field.stages().contains(LifecycleStage.BUILD)) {
      report(
          path,
          name
              + " cannot be evaluated at build time, where only image criteria apply; remove it or"
              + " the BUILD stage");
    }
    if (policy.hasStage(LifecycleStage.DEPLOY) && field.isRuntime()) {
      report(
          path,
          name
              + " is a runtime criterion and cannot be evaluated at deploy time; remove it or the"
              + " DEPLOY stage");
    }
  }

  private List<PolicyField> usedFields() {
    List<PolicyField> fields = new ArrayList<>();
    for (PolicySection section : policy.sections()) {
      for (PolicyGroup group : section.groups()) {
        PolicyField.byExactName(group.fieldName()).ifPresent(fields::add);
      }
    }
    return fields;
  }

  /**
   * StackRox evaluates process and file-access criteria together (file events carry their process),
   * network flows and Kubernetes events apart; a policy may use only one of these kinds, and a
   * process-only section cannot sit beside a file-access section.
   */
  private boolean compatibleRuntimeCategories() {
    Set<RuntimeType> kinds = EnumSet.noneOf(RuntimeType.class);
    boolean processOnlySection = false;
    boolean fileSection = false;
    for (PolicySection section : policy.sections()) {
      Set<RuntimeType> sectionTypes = EnumSet.noneOf(RuntimeType.class);
      for (PolicyGroup group : section.groups()) {
        PolicyField.byExactName(group.fieldName())
            .ifPresent(field -> sectionTypes.addAll(field.runtimeTypes()));
      }
      boolean process = sectionTypes.contains(RuntimeType.PROCESS);
      boolean file = sectionTypes.contains(RuntimeType.FILE_ACCESS);
      processOnlySection |= process && !file;
      fileSection |= file;
      if (process || file) {
        kinds.add(RuntimeType.PROCESS);
      }
      if (sectionTypes.contains(RuntimeType.NETWORK_FLOW)) {
        kinds.add(RuntimeType.NETWORK_FLOW);
      }
      if (sectionTypes.contains(RuntimeType.KUBE_EVENT)
          && policy.eventSource() != EventSource.AUDIT_LOG_EVENT) {
        kinds.add(RuntimeType.KUBE_EVENT);
      }
    }
    return kinds.size() <= 1 && !(processOnlySection && fileSection);
  }

  /** StackRox rejects a capability that a policy both adds and drops, in any sections. */
  private void checkCapabilities() {
    Set<String> added = new HashSet<>();
    for (PolicySection section : policy.sections()) {
      for (PolicyGroup group : section.groups()) {
        if (group.fieldName().equals(PolicyField.ADD_CAPABILITIES.fieldName())) {
          group.values().forEach(value -> added.add(value.toUpperCase(Locale.ROOT)));
        }
      }
    }
    for (int i = 0; i < policy.sections().size(); i++) {
      List<PolicyGroup> groups = policy.sections().get(i).groups();
      for (int j = 0; j < groups.size(); j++) {
        PolicyGroup group = groups.get(j);
        if (!group.fieldName().equals(PolicyField.DROP_CAPABILITIES.fieldName())) {
          continue;
        }
        for (int k = 0; k < group.values().size(); k++) {
          String value = group.values().get(k);
          if (added.contains(value.toUpperCase(Locale.ROOT))) {
            report(
                at("policySections").index(i).key("policyGroups").index(j).key("values").index(k),
                "capability " + value + " is both added and dropped; keep it in one of the two");
          }
        }
      }
    }
  }

  private void checkEnforcement() {
    if (policy.enforcementActions().isEmpty()) {
      return;
    }
    for (PolicyField field : usedFields()) {
      if (NOT_ENFORCEABLE.contains(field)) {
        report(
            at("enforcementActions"),
            "policies with \""
                + field.fieldName()
                + "\" cannot be enforced; remove the enforcement actions");
      }
    }
  }

  private void checkScopes() {
    for (int i = 0; i < policy.scope().size(); i++) {
      checkScope(policy.scope().get(i), at("scope").index(i));
    }
  }

  private void checkScope(Scope scope, FieldPath path) {
    if (scope.cluster() == null
        && scope.namespace() == null
        && scope.label() == null
        && scope.clusterLabel() == null
        && scope.namespaceLabel() == null) {
      report(
          path,
          "a scope needs at least one of cluster, namespace, label, clusterLabel and"
              + " namespaceLabel");
    }
    if (scope.cluster() != null && scope.clusterLabel() != null) {
      report(path, "a scope cannot have both cluster and clusterLabel; keep one");
    }
    if (scope.namespace() != null && scope.namespaceLabel() != null) {
      report(path, "a scope cannot have both namespace and namespaceLabel; keep one");
    }
    if (scope.namespace() != null) {
      checkRegex(scope.namespace(), path.key("namespace"));
    }
    checkLabel(scope.label(), path.key("label"));
    checkLabel(scope.clusterLabel(), path.key("clusterLabel"));
    checkLabel(scope.namespaceLabel(), path.key("namespaceLabel"));
  }

  private void checkLabel(@Nullable LabelSelector label, FieldPath path) {
    if (label != null) {
      checkRegex(label.key(), path.key("key"));
      checkRegex(label.value(), path.key("value"));
    }
  }

  private void checkRegex(String expression, FieldPath path) {
    try {
      Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      report(
          path,
          "\"" + expression + "\" is not a valid RE2 regular expression: " + e.getDescription());
    }
  }

  private void checkExclusions() {
    boolean deploysOrRuns =
        policy.hasStage(LifecycleStage.DEPLOY) || policy.hasStage(LifecycleStage.RUNTIME);
    for (int i = 0; i < policy.exclusions().size(); i++) {
      Exclusion exclusion = policy.exclusions().get(i);
      FieldPath path = at("exclusions").index(i);
      if (exclusion.deployment() == null && exclusion.imageName() == null) {
        report(path, "an exclusion needs a deployment or an image to match");
      }
      if (exclusion.deployment() != null) {
        if (!deploysOrRuns) {
          report(
              path.key("deployment"),
              "deployments can be excluded only from DEPLOY and RUNTIME policies");
        }
        checkDeploymentExclusion(exclusion.deployment(), path.key("deployment"));
      }
      if (exclusion.imageName() != null) {
        if (!policy.hasStage(LifecycleStage.BUILD)) {
          report(path.key("image"), "images can be excluded only from BUILD policies");
        }
        if (exclusion.imageName().isBlank()) {
          report(path.key("image").key("name"), "an image exclusion needs an image name");
        }
      }
    }
  }

  private void checkDeploymentExclusion(Exclusion.Deployment deployment, FieldPath path) {
    if (deployment.name() == null && deployment.scope() == null) {
      report(path, "a deployment exclusion needs a name, a scope or both");
    }
    if (deployment.name() != null) {
      checkRegex(deployment.name(), path.key("name"));
    }
    Scope scope = deployment.scope();
    if (scope != null) {
      if (scope.clusterLabel() != null) {
        report(path.key("scope").key("clusterLabel"), "exclusion scopes cannot use clusterLabel");
      }
      if (scope.namespaceLabel() != null) {
        report(
            path.key("scope").key("namespaceLabel"), "exclusion scopes cannot use namespaceLabel");
      }
      checkScope(scope, path.key("scope"));
    }
  }

  private void checkEvaluationFilter() {
    if (policy.skipContainerTypes().isEmpty()) {
      return;
    }
    FieldPath path = at("evaluationFilter").key("skipContainerTypes");
    if (policy.lifecycleStages().equals(List.of(LifecycleStage.BUILD))) {
      report(path, "build-only policies see no containers, so they cannot skip container types");
    }
    if (policy.eventSource() == EventSource.AUDIT_LOG_EVENT
        || policy.eventSource() == EventSource.NODE_EVENT) {
      report(
          path,
          policy.eventSource()
              + " policies see no containers, so they cannot skip container types");
    }
  }

  private void checkRules() {
    if (!policy.rules().isEmpty() && !policy.hasStage(LifecycleStage.DEPLOY)) {
      report(
          at("rules"),
          "CEL rules are evaluated against Kubernetes objects, so a policy with rules needs the"
              + " DEPLOY stage");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < policy.rules().size(); i++) {
      CelRule rule = policy.rules().get(i);
      FieldPath path = at("rules").index(i);
      if (rule.name().isBlank()) {
        report(path.key("name"), "a rule needs a name");
      } else if (!names.add(rule.name())) {
        report(path.key("name"), "rule name \"" + rule.name() + "\" is used twice in this policy");
      }
      if (rule.expression().isBlank()) {
        report(path.key("expression"), "a rule needs a CEL expression");
      }
      if (rule.message().isBlank() && rule.messageExpression() == null) {
        report(path.key("message"), "a rule needs a message or a messageExpression");
      }
    }
  }

  private void checkNativeChecks() {
    if (!policy.checks().isEmpty() && !policy.hasStage(LifecycleStage.DEPLOY)) {
      report(
          at("checks"),
          "native checks are evaluated against Kubernetes objects, so a policy with checks needs"
              + " the DEPLOY stage");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < policy.checks().size(); i++) {
      CheckReference reference = policy.checks().get(i);
      FieldPath path = at("checks").index(i);
      Optional<NativeCheck> check = NativeChecks.byId(reference.check());
      if (check.isEmpty()) {
        report(path.key("check"), unknownCheck(reference.check()));
      } else if (!ids.add(reference.check())) {
        report(path.key("check"), "check \"" + reference.check() + "\" is named twice");
      } else {
        checkParameters(check.get(), reference.parameters(), path.key("parameters"));
      }
    }
  }

  private static String unknownCheck(String id) {
    String known =
        id.isBlank()
            ? "a check needs the id of a native check"
            : "no native check is called \"" + id + "\"";
    return known
        + Suggestions.closest(id, NativeChecks.ids())
            .map(match -> "; did you mean \"" + match + "\"?")
            .orElse("; see docs/criteria.md for the list");
  }

  private void checkParameters(NativeCheck check, Map<String, String> values, FieldPath path) {
    Set<String> known = new HashSet<>();
    check.parameters().forEach(parameter -> known.add(parameter.name()));
    boolean namesKnown = true;
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        namesKnown = false;
        report(
            path.key(name),
            "check \""
                + check.id()
                + "\" has "
                + (known.isEmpty() ? "no parameters" : "no parameter \"" + name + "\"")
                + Suggestions.closest(name, known)
                    .map(match -> "; did you mean \"" + match + "\"?")
                    .orElse(""));
      }
    }
    if (namesKnown) {
      try {
        check.bind(values);
      } catch (InvalidCheckParameterException e) {
        report(path.key(e.parameter()), e.reason());
      }
    }
  }

  // StackRox's name and description rules, and our control format, as plain loops: these run for
  // every built-in policy at start-up, where a regex engine is still interpreted and costs more
  // than the rest of the validation.

  /** 5 to 128 characters, none of them a line break or '$'. */
  static boolean isValidName(String name) {
    int length = name.codePointCount(0, name.length());
    return length >= 5
        && length <= 128
        && name.indexOf('\n') < 0
        && name.indexOf('\r') < 0
        && name.indexOf('$') < 0;
  }

  /** At most 800 characters, none of them '$'. */
  static boolean isValidDescription(String description) {
    return description.codePointCount(0, description.length()) <= 800
        && description.indexOf('$') < 0;
  }

  /**
   * {@code framework:id}: a framework of [a-z0-9._-] starting with [a-z0-9], an id without spaces.
   */
  static boolean isValidControl(String control) {
    int colon = control.indexOf(':');
    if (colon < 1 || colon == control.length() - 1 || !isLowerAlphanumeric(control.charAt(0))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = control.charAt(i);
      if (!isLowerAlphanumeric(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    for (int i = colon + 1; i < control.length(); i++) {
      if (Character.isWhitespace(control.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private void checkControls() {
    for (int i = 0; i < policy.controls().size(); i++) {
      String control = policy.controls().get(i);
      if (!isValidControl(control)) {
        report(
            at("controls").index(i),
            "control \"" + control + "\" is not framework:id in lower case, such as cis-k8s:5.2.2");
      }
    }
  }
}
