package dev.bulwark.policy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** StackRox's validation rules (and Bulwark's for its additions), one policy per rule. */
class PolicyValidationTest {
  /** Top-level fields every case gets unless it writes its own. */
  private static final List<String> DEFAULTS =
      List.of(
          "name: Validation subject",
          "categories: [Test]",
          "severity: HIGH_SEVERITY",
          "lifecycleStages: [DEPLOY]");

  static Stream<Arguments> invalidPolicies() {
    return Stream.of(
        invalid(
            "unknown criterion with a suggestion",
            group("{fieldName: Privileged, values: [{value: 'true'}]}"),
            "policySections[0].policyGroups[0]",
            "unknown field \"Privileged\"; did you mean \"Privileged Container\"?"),
        invalid(
            "criterion names are case-sensitive",
            group("{fieldName: privileged container, values: [{value: 'true'}]}"),
            "policySections[0].policyGroups[0]",
            "field names are case-sensitive: did you mean \"Privileged Container\"?"),
        invalid(
            "blank criterion name",
            group("{fieldName: '', values: [{value: 'true'}]}"),
            "policySections[0].policyGroups[0].fieldName",
            "has no fieldName"),
        invalid(
            "bad boolean",
            group("{fieldName: Privileged Container, values: [{value: 'yes'}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "\"Privileged Container\": \"yes\" is not accepted; use one of true, false"),
        invalid(
            "bad comparator",
            group("{fieldName: Container CPU Limit, values: [{value: 'about 2'}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "is not a number with an optional comparator"),
        invalid(
            "bad regular expression",
            group("{fieldName: Image Tag, values: [{value: 'latest('}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "\"latest(\" is not a valid RE2 regular expression"),
        invalid(
            "negation of a field that forbids it",
            group("{fieldName: Privileged Container, negate: true, values: [{value: 'true'}]}"),
            "policySections[0].policyGroups[0].negate",
            "\"Privileged Container\" cannot be negated"),
        invalid(
            "two values for a single-value field",
            group("{fieldName: Privileged Container, values: [{value: 'true'}, {value: 'false'}]}"),
            "policySections[0].policyGroups[0].values",
            "takes a single value, found 2"),
        invalid(
            "deploy policy with a runtime field",
            group("{fieldName: Process Name, values: [{value: bash}]}"),
            "policySections[0].policyGroups[0]",
            "is a runtime criterion and cannot be evaluated at deploy time"),
        invalid(
            "runtime policy without a runtime field",
            "lifecycleStages: [RUNTIME]\neventSource: DEPLOYMENT_EVENT\n"
                + group("{fieldName: Privileged Container, values: [{value: 'true'}]}"),
            "policySections",
            "a runtime policy needs at least one runtime criterion"),
        invalid(
            "build policy with a deploy field",
            "lifecycleStages: [BUILD]\n"
                + group("{fieldName: Privileged Container, values: [{value: 'true'}]}"),
            "policySections[0].policyGroups[0]",
            "cannot be evaluated at build time"),
        invalid("missing name", "name: ''\n" + hostPid(), "name", "a policy must have a name"),
        invalid(
            "short name",
            "name: Tiny\n" + hostPid(),
            "name",
            "the name must be 5 to 128 characters long"),
        invalid(
            "dollar sign in the name",
            "name: Costs $5 or more\n" + hostPid(),
            "name",
            "without line breaks or '$'"),
        invalid(
            "dollar sign in the description",
            "description: Costs $5\n" + hostPid(),
            "description",
            "without '$'"),
        invalid(
            "bad severity",
            "severity: SUPER_SEVERITY\n" + hostPid(),
            "severity",
            "unknown severity \"SUPER_SEVERITY\"; use one of LOW_SEVERITY"),
        invalid(
            "unset severity",
            "severity: UNSET_SEVERITY\n" + hostPid(),
            "severity",
            "a policy must have a severity"),
        invalid(
            "unsupported policy version",
            "policyVersion: '1'\n" + hostPid(),
            "policyVersion",
            "policy version \"1\" is not supported; only 1.1 is"),
        invalid(
            "enforcement of a network-policy field",
            "enforcementActions: [SCALE_TO_ZERO_ENFORCEMENT]\n"
                + group("{fieldName: Has Ingress Network Policy, values: [{value: 'false'}]}"),
            "enforcementActions",
            "policies with \"Has Ingress Network Policy\" cannot be enforced"),
        invalid(
            "audit-log section without a verb",
            "lifecycleStages: [RUNTIME]\neventSource: AUDIT_LOG_EVENT\n"
                + group("{fieldName: Kubernetes Resource, values: [{value: SECRETS}]}"),
            "policySections[0]",
            "AUDIT_LOG_EVENT policies need \"Kubernetes API Verb\" in every section"),
        invalid(
            "field twice in a section",
            group(
                "{fieldName: Host PID, values: [{value: 'true'}]}",
                "{fieldName: Host PID, values: [{value: 'false'}]}"),
            "policySections[0].policyGroups[1]",
            "\"Host PID\" is used twice in this section"),
        invalid(
            "no category", "categories: []\n" + hostPid(), "categories", "at least one category"),
        invalid(
            "duplicate category",
            "categories: [Test, Test]\n" + hostPid(),
            "categories[1]",
            "category \"Test\" is listed twice"),
        invalid(
            "no lifecycle stage",
            "lifecycleStages: []\n" + hostPid(),
            "lifecycleStages",
            "at least one lifecycle stage"),
        invalid(
            "unknown lifecycle stage",
            "lifecycleStages: [PRODUCTION]\n" + hostPid(),
            "lifecycleStages[0]",
            "unknown lifecycle stage \"PRODUCTION\"; use one of BUILD, DEPLOY, RUNTIME"),
        invalid(
            "unknown event source",
            "lifecycleStages: [RUNTIME]\neventSource: KERNEL_EVENT\n" + processName(),
            "eventSource",
            "unknown event source \"KERNEL_EVENT\""),
        invalid(
            "runtime policy without event source",
            "lifecycleStages: [RUNTIME]\n" + processName(),
            "eventSource",
            "a runtime policy needs an event source"),
        invalid(
            "event source on a deploy policy",
            "eventSource: DEPLOYMENT_EVENT\n" + hostPid(),
            "eventSource",
            "applies only to runtime policies"),
        invalid(
            "adding ALL capabilities",
            group("{fieldName: Add Capabilities, values: [{value: ALL}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "ALL cannot be added as a capability"),
        invalid(
            "capability added and dropped",
            group(
                "{fieldName: Add Capabilities, values: [{value: SYS_ADMIN}]}",
                "{fieldName: Drop Capabilities, values: [{value: SYS_ADMIN}]}"),
            "policySections[0].policyGroups[1].values[0]",
            "capability SYS_ADMIN is both added and dropped"),
        invalid(
            "signature verification combined with AND",
            "lifecycleStages: [BUILD]\n"
                + group(
                    "{fieldName: Image Signature Verified By, booleanOperator: AND, values:"
                        + " [{value:"
                        + " io.stackrox.signatureintegration.12a37a37-760e-4388-9e79-d62726c075b2}]}"),
            "policySections[0].policyGroups[0].booleanOperator",
            "cannot combine its values with AND"),
        invalid(
            "bad signature integration id",
            group("{fieldName: Image Signature Verified By, values: [{value: cosign}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "is not a signature integration id"),
        invalid(
            "file operation without file path",
            "lifecycleStages: [RUNTIME]\neventSource: DEPLOYMENT_EVENT\n"
                + group(
                    "{fieldName: File Operation, values: [{value: OPEN}]}",
                    "{fieldName: Process Name, values: [{value: cat}]}"),
            "policySections[0]",
            "a section with \"File Operation\" must also have \"File Path\""),
        invalid(
            "user name without resource",
            "lifecycleStages: [RUNTIME]\neventSource: DEPLOYMENT_EVENT\n"
                + group("{fieldName: Kubernetes User Name, values: [{value: admin}]}"),
            "policySections[0]",
            "a section with \"Kubernetes User Name\" must also have \"Kubernetes Resource\""),
        invalid(
            "node-event section without file path",
            "lifecycleStages: [RUNTIME]\neventSource: NODE_EVENT\n" + processName(),
            "policySections[0]",
            "NODE_EVENT policies need \"File Path\" in every section"),
        invalid(
            "runtime field of another event source",
            "lifecycleStages: [RUNTIME]\neventSource: AUDIT_LOG_EVENT\n"
                + group(
                    "{fieldName: Kubernetes Resource, values: [{value: SECRETS}]}",
                    "{fieldName: Kubernetes API Verb, values: [{value: GET}]}",
                    "{fieldName: Process Name, values: [{value: bash}]}"),
            "policySections[0].policyGroups[2]",
            "\"Process Name\" cannot be used with event source AUDIT_LOG_EVENT"),
        invalid(
            "deployment field in an audit-log policy",
            "lifecycleStages: [RUNTIME]\neventSource: AUDIT_LOG_EVENT\n"
                + group(
                    "{fieldName: Kubernetes Resource, values: [{value: SECRETS}]}",
                    "{fieldName: Kubernetes API Verb, values: [{value: GET}]}",
                    "{fieldName: Namespace, values: [{value: default}]}"),
            "policySections[0].policyGroups[2]",
            "describes a deployment and cannot be used in AUDIT_LOG_EVENT policies"),
        invalid(
            "audited resource in a deployment-event policy",
            "lifecycleStages: [RUNTIME]\neventSource: DEPLOYMENT_EVENT\n"
                + group("{fieldName: Kubernetes Resource, values: [{value: SECRETS}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "use one of PODS_EXEC, PODS_PORTFORWARD, PODS_ATTACH"),
        invalid(
            "mixed runtime kinds",
            "lifecycleStages: [RUNTIME]\neventSource: DEPLOYMENT_EVENT\n"
                + "policySections:\n"
                + "- policyGroups:\n"
                + "  - {fieldName: Process Name, values: [{value: bash}]}\n"
                + "- policyGroups:\n"
                + "  - {fieldName: Unexpected Network Flow Detected, values: [{value: 'true'}]}\n",
            "policySections",
            "cannot mix runtime criteria of different kinds"),
        invalid(
            "enforced audit-log policy",
            auditLog("enforcementActions: [KILL_POD_ENFORCEMENT]"),
            "enforcementActions",
            "audit-log policies cannot be enforced"),
        invalid(
            "audit-log policy scoped by deployment label",
            auditLog("scope: [{label: {key: app, value: web}}]"),
            "scope[0].label",
            "cannot be scoped by deployment label"),
        invalid(
            "audit-log policy excluding a deployment by name",
            auditLog("exclusions: [{name: web, deployment: {name: web}}]"),
            "exclusions[0].deployment.name",
            "cannot exclude deployments by name"),
        invalid(
            "scope with cluster and cluster label",
            "scope: [{cluster: prod, clusterLabel: {key: env, value: prod}}]\n" + hostPid(),
            "scope[0]",
            "both cluster and clusterLabel"),
        invalid(
            "scope with namespace and namespace label",
            "scope: [{namespace: web, namespaceLabel: {key: team, value: web}}]\n" + hostPid(),
            "scope[0]",
            "both namespace and namespaceLabel"),
        invalid(
            "empty scope",
            "scope: [{}]\n" + hostPid(),
            "scope[0]",
            "a scope needs at least one of"),
        invalid(
            "bad namespace regular expression",
            "scope: [{namespace: 'team-[a'}]\n" + hostPid(),
            "scope[0].namespace",
            "is not a valid RE2 regular expression"),
        invalid(
            "image exclusion in a deploy-only policy",
            "exclusions: [{name: base, image: {name: 'docker.io/library/alpine'}}]\n" + hostPid(),
            "exclusions[0].image",
            "images can be excluded only from BUILD policies"),
        invalid(
            "deployment exclusion in a build-only policy",
            "lifecycleStages: [BUILD]\nexclusions: [{deployment: {name: web}}]\n"
                + group("{fieldName: Image Tag, values: [{value: latest}]}"),
            "exclusions[0].deployment",
            "deployments can be excluded only from DEPLOY and RUNTIME policies"),
        invalid(
            "exclusion without target",
            "exclusions: [{name: nothing}]\n" + hostPid(),
            "exclusions[0]",
            "an exclusion needs a deployment or an image"),
        invalid(
            "exclusion scope with cluster label",
            "exclusions: [{deployment: {scope: {clusterLabel: {key: env, value: dev}}}}]\n"
                + hostPid(),
            "exclusions[0].deployment.scope.clusterLabel",
            "exclusion scopes cannot use clusterLabel"),
        invalid(
            "bad expiration",
            "exclusions: [{deployment: {name: web}, expiration: next week}]\n" + hostPid(),
            "exclusions[0].expiration",
            "is not an RFC 3339 time"),
        invalid(
            "unknown environment variable source",
            group("{fieldName: Environment Variable, values: [{value: 'SECRET=token=.*'}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "is not SOURCE=name=value"),
        invalid(
            "unknown Dockerfile instruction",
            group("{fieldName: Dockerfile Line, values: [{value: 'RUNS=apt-get'}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "is not INSTRUCTION=regex"),
        invalid(
            "relative file path",
            "lifecycleStages: [RUNTIME]\neventSource: NODE_EVENT\n"
                + group("{fieldName: File Path, values: [{value: etc/passwd}]}"),
            "policySections[0].policyGroups[0].values[0]",
            "is not an absolute path"),
        invalid(
            "bad source address",
            auditLog("")
                .replace(
                    "{fieldName: Kubernetes API Verb, values: [{value: GET}]}",
                    "{fieldName: Kubernetes API Verb, values: [{value: GET}]}\n"
                        + "  - {fieldName: Source IP Address, values: [{value: 'localhost'}]}"),
            "policySections[0].policyGroups[2].values[0]",
            "is not an IPv4 or IPv6 address"),
        invalid(
            "section without criteria",
            "policySections: [{policyGroups: []}]\n",
            "policySections[0].policyGroups",
            "the section has no criteria"),
        invalid(
            "no sections and no rules",
            "policySections: []\n",
            "policySections",
            "a policy needs at least one policy section"),
        invalid(
            "group without values",
            group("{fieldName: Host PID, values: []}"),
            "policySections[0].policyGroups[0].values",
            "\"Host PID\" has no values"),
        invalid(
            "misspelt group key",
            group("{fieldName: Namespace, negated: true, values: [{value: default}]}"),
            "policySections[0].policyGroups[0].negated",
            "unknown field \"negated\"; did you mean \"negate\"?"),
        invalid(
            "value written as bare text",
            group("{fieldName: Host PID, values: ['true']}"),
            "policySections[0].policyGroups[0].values[0]",
            "write it as {\"value\": \"true\"}"),
        invalid(
            "quoted boolean",
            group("{fieldName: Namespace, negate: 'yes', values: [{value: default}]}"),
            "policySections[0].policyGroups[0].negate",
            "expected true or false (unquoted), found the text \"yes\""),
        invalid(
            "unknown boolean operator",
            group("{fieldName: Namespace, booleanOperator: XOR, values: [{value: default}]}"),
            "policySections[0].policyGroups[0].booleanOperator",
            "unknown boolean operator \"XOR\"; use one of OR, AND"),
        invalid(
            "skipping containers in a build-only policy",
            "lifecycleStages: [BUILD]\nevaluationFilter: {skipContainerTypes: [INIT]}\n"
                + group("{fieldName: Image Tag, values: [{value: latest}]}"),
            "evaluationFilter.skipContainerTypes",
            "build-only policies see no containers"),
        invalid(
            "unknown container type",
            "evaluationFilter: {skipContainerTypes: [SIDECAR]}\n" + hostPid(),
            "evaluationFilter.skipContainerTypes[0]",
            "unknown container type \"SIDECAR\"; use REGULAR or INIT"),
        invalid(
            "CEL rules in a build-only policy",
            "lifecycleStages: [BUILD]\n"
                + "rules: [{name: tag, expression: 'true', message: Always}]\n"
                + group("{fieldName: Image Tag, values: [{value: latest}]}"),
            "rules",
            "a policy with rules needs the DEPLOY stage"),
        invalid(
            "CEL rule without expression",
            "rules: [{name: empty, message: Never}]\npolicySections: []\n",
            "rules[0].expression",
            "a rule needs a CEL expression"),
        invalid(
            "CEL rule without message",
            "rules: [{name: quiet, expression: 'true'}]\npolicySections: []\n",
            "rules[0].message",
            "a rule needs a message or a messageExpression"),
        invalid(
            "unknown native check with a suggestion",
            "checks: [{check: run-as-rot}]\npolicySections: []\n",
            "checks[0].check",
            "no native check is called \"run-as-rot\"; did you mean \"run-as-root\"?"),
        invalid(
            "native check without an id",
            "checks: [{parameters: {}}]\npolicySections: []\n",
            "checks[0].check",
            "a check needs the id of a native check"),
        invalid(
            "native check named twice",
            "checks: [{check: run-as-root}, {check: run-as-root}]\npolicySections: []\n",
            "checks[1].check",
            "check \"run-as-root\" is named twice"),
        invalid(
            "unknown native check parameter",
            "checks: [{check: removed-api-version, parameters: {kubernetesVersoin: '1.29'}}]\n"
                + "policySections: []\n",
            "checks[0].parameters.kubernetesVersoin",
            "has no parameter \"kubernetesVersoin\"; did you mean \"kubernetesVersion\"?"),
        invalid(
            "parameter for a check without parameters",
            "checks: [{check: run-as-root, parameters: {strict: 'true'}}]\npolicySections: []\n",
            "checks[0].parameters.strict",
            "check \"run-as-root\" has no parameters"),
        invalid(
            "invalid native check parameter value",
            "checks: [{check: removed-api-version, parameters: {kubernetesVersion: latest}}]\n"
                + "policySections: []\n",
            "checks[0].parameters.kubernetesVersion",
            "expected a Kubernetes version such as 1.29, found \"latest\""),
        invalid(
            "native checks in a build-only policy",
            "lifecycleStages: [BUILD]\nchecks: [{check: run-as-root}]\n"
                + group("{fieldName: Image Tag, values: [{value: latest}]}"),
            "checks",
            "a policy with checks needs the DEPLOY stage"),
        invalid(
            "control tag not framework:id",
            "controls: ['CIS 5.2.2']\n" + hostPid(),
            "controls[0]",
            "is not framework:id in lower case"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPolicies")
  void invalidPolicyIsRejectedWithAnActionableProblem(
      String description, String body, String field, String reason) {
    String text = withDefaults(body);

    assertThatThrownBy(() -> PolicyReader.parse(text, "subject.yaml"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .as(e.getMessage())
                    .anySatisfy(problem -> {
                      assertThat(problem.field()).isEqualTo(field);
                      assertThat(problem.reason()).contains(reason);
                      assertThat(problem.origin()).matches("subject\\.yaml:\\d+:\\d+");
                    }));
  }

  static Stream<Arguments> validPolicies() {
    return Stream.of(
        Arguments.of("deploy policy", hostPid()),
        Arguments.of(
            "build and deploy image policy",
            "lifecycleStages: [BUILD, DEPLOY]\n"
                + group(
                    "{fieldName: Image Tag, values: [{value: latest}]}",
                    "{fieldName: CVSS, values: [{value: '>= 7'}]}",
                    "{fieldName: Severity, values: [{value: '>=IMPORTANT'}]}")),
        Arguments.of(
            "runtime process policy with deploy criteria",
            "lifecycleStages: [RUNTIME]\neventSource: DEPLOYMENT_EVENT\n"
                + group(
                    "{fieldName: Process Name, values: [{value: bash}]}",
                    "{fieldName: Privileged Container, values: [{value: 'true'}]}")),
        Arguments.of("audit-log policy", auditLog("")),
        Arguments.of(
            "node-event file policy",
            "lifecycleStages: [RUNTIME]\neventSource: NODE_EVENT\n"
                + group(
                    "{fieldName: File Path, values: [{value: '/etc/**/shadow'}]}",
                    "{fieldName: File Operation, values: [{value: OPEN}]}")),
        Arguments.of(
            "kube-event policy with user name",
            "lifecycleStages: [RUNTIME]\neventSource: DEPLOYMENT_EVENT\n"
                + "enforcementActions: [FAIL_KUBE_REQUEST_ENFORCEMENT]\n"
                + group(
                    "{fieldName: Kubernetes Resource, values: [{value: PODS_EXEC}]}",
                    "{fieldName: Kubernetes User Name, values: [{value: 'system:admin'}]}")),
        Arguments.of(
            "rules-only policy",
            "rules: [{name: limits, expression: 'true', message: Set limits}]\n"
                + "controls: ['cis-k8s:5.7.4']\npolicySections: []\n"),
        Arguments.of(
            "checks-only policy with a parameter",
            "checks: [{check: removed-api-version, parameters: {kubernetesVersion: 1.29}}]\n"
                + "policySections: []\n"),
        Arguments.of(
            "network-policy field without enforcement",
            group("{fieldName: Has Egress Network Policy, values: [{value: 'false'}]}")),
        Arguments.of(
            "scopes and exclusions",
            "scope: [{cluster: prod, namespaceLabel: {key: team, value: 'pay.*'}}]\n"
                + "exclusions: [{name: web, deployment: {name: 'web-.*', scope: {namespace:"
                + " web}}, expiration: '2030-01-01T00:00:00Z'}]\n"
                + hostPid()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPolicies")
  void validPolicyIsAccepted(String description, String body) {
    assertThat(PolicyReader.parse(withDefaults(body), "subject.yaml")).hasSize(1);
  }

  private static Arguments invalid(String description, String body, String field, String reason) {
    return Arguments.of(description, body, field, reason);
  }

  /** One section with the given groups, in YAML flow style. */
  private static String group(String... groups) {
    StringBuilder out = new StringBuilder("policySections:\n- policyGroups:\n");
    for (String group : groups) {
      out.append("  - ").append(group).append('\n');
    }
    return out.toString();
  }

  private static String hostPid() {
    return group("{fieldName: Host PID, values: [{value: 'true'}]}");
  }

  private static String processName() {
    return group("{fieldName: Process Name, values: [{value: bash}]}");
  }

  private static String auditLog(String extra) {
    return "lifecycleStages: [RUNTIME]\neventSource: AUDIT_LOG_EVENT\n"
        + extra
        + "\n"
        + group(
            "{fieldName: Kubernetes Resource, values: [{value: SECRETS}]}",
            "{fieldName: Kubernetes API Verb, values: [{value: GET}]}");
  }

  /** The case's YAML, with {@link #DEFAULTS} for the top-level fields it does not set. */
  private static String withDefaults(String body) {
    List<String> lines = new ArrayList<>();
    for (String line : DEFAULTS) {
      String key = line.substring(0, line.indexOf(':') + 1);
      if (!body.startsWith(key) && !body.contains("\n" + key)) {
        lines.add(line);
      }
    }
    return String.join("\n", lines) + "\n" + body;
  }
}
