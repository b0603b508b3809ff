package dev.bulwark.policy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.CelRule;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.Scope;
import dev.bulwark.policy.model.Severity;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReaderTest {
  private static final String PRIVILEGED_JSON =
      """
      {
        "id": "3c8a1a4c-1d7e-4f43-9b0c-5b1e8f1a2b3c",
        "name": "Privileged containers",
        "description": "Alert on privileged containers",
        "categories": ["Privileges"],
        "lifecycleStages": ["DEPLOY"],
        "severity": "HIGH_SEVERITY",
        "policyVersion": "1.1",
        "policySections": [
          {
            "sectionName": "privileged",
            "policyGroups": [
              {"fieldName": "Privileged Container", "values": [{"value": "true"}]},
              {"fieldName": "Namespace", "negate": true, "values": [{"value": "kube-.*"}]}
            ]
          }
        ]
      }
      """;

  @Test
  void singleStackRoxPolicyMapsToTheModel() {
    Policy policy = PolicyReader.parse(PRIVILEGED_JSON, "privileged.json").getFirst();

    assertThat(policy.id()).isEqualTo("3c8a1a4c-1d7e-4f43-9b0c-5b1e8f1a2b3c");
    assertThat(policy.name()).isEqualTo("Privileged containers");
    assertThat(policy.severity()).isEqualTo(Severity.HIGH);
    assertThat(policy.lifecycleStages()).containsExactly(LifecycleStage.DEPLOY);
    assertThat(policy.eventSource()).isEqualTo(EventSource.NOT_APPLICABLE);
    assertThat(policy.sections().getFirst().sectionName()).isEqualTo("privileged");
    assertThat(policy.sections().getFirst().groups())
        .containsExactly(
            new PolicyGroup("Privileged Container", BooleanOperator.OR, false, List.of("true")),
            new PolicyGroup("Namespace", BooleanOperator.OR, true, List.of("kube-.*")));
  }

  @Test
  void exportBundleYieldsEveryPolicy() {
    String bundle =
        """
        {"policies": [%s, %s]}
        """
            .formatted(
                PRIVILEGED_JSON,
                PRIVILEGED_JSON
                    .replace(
                        "3c8a1a4c-1d7e-4f43-9b0c-5b1e8f1a2b3c",
                        "0e6a1f43-aa5e-4a9f-8d7e-1e2f3a4b5c6d")
                    .replace("Privileged containers", "Privileged containers, again"));

    assertThat(PolicyReader.parse(bundle, "export.json"))
        .extracting(Policy::name)
        .containsExactly("Privileged containers", "Privileged containers, again");
  }

  @Test
  void yamlPolicyAndYamlBundleReadLikeJson() {
    String yaml =
        """
        policies:
        - id: 3c8a1a4c-1d7e-4f43-9b0c-5b1e8f1a2b3c
          name: Privileged containers
          description: Alert on privileged containers
          categories: [Privileges]
          lifecycleStages: [DEPLOY]
          severity: HIGH_SEVERITY
          policyVersion: "1.1"
          policySections:
          - sectionName: privileged
            policyGroups:
            - fieldName: Privileged Container
              values:
              - value: true
            - fieldName: Namespace
              negate: true
              values:
              - value: kube-.*
        """;

    assertThat(PolicyReader.parse(yaml, "bundle.yaml"))
        .isEqualTo(PolicyReader.parse(PRIVILEGED_JSON, "privileged.json"));
  }

  @Test
  void yamlKeepsOnAndYesAsText() {
    String yaml =
        """
        name: Label on means on
        categories: [Labels]
        lifecycleStages: [DEPLOY]
        severity: LOW
        policySections:
        - policyGroups:
          - fieldName: Required Label
            values:
            - value: on=yes
          - fieldName: Disallowed Annotation
            values:
            - value: on
        """;

    Policy policy = PolicyReader.parse(yaml, "labels.yaml").getFirst();

    assertThat(policy.sections().getFirst().groups())
        .extracting(PolicyGroup::values)
        .containsExactly(List.of("on=yes"), List.of("on"));
    assertThat(policy.severity()).isEqualTo(Severity.LOW);
  }

  @Test
  void securityPolicyResourcesReadFromTheirSpec() throws IOException, URISyntaxException {
    Path file =
        Path.of(
            Objects.requireNonNull(getClass().getResource("/io/security-policies.yaml")).toURI());

    List<Policy> policies = PolicyReader.read(file);

    assertThat(policies).hasSize(2);
    Policy hostNetwork = policies.getFirst();
    assertThat(hostNetwork.name()).isEqualTo("No host network for team workloads");
    assertThat(hostNetwork.id()).isEqualTo(PolicyReader.idForName(hostNetwork.name()));
    assertThat(hostNetwork.policyVersion()).isEqualTo("1.1");
    assertThat(hostNetwork.enforcementActions())
        .containsExactly(EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT);
    assertThat(hostNetwork.scope()).containsExactly(new Scope(null, "team-.*", null, null, null));
    assertThat(hostNetwork.exclusions())
        .containsExactly(
            new Exclusion(
                "The ingress controller needs the host network",
                new Exclusion.Deployment(
                    "ingress-nginx-controller", new Scope(null, "ingress-nginx", null, null, null)),
                null,
                Instant.parse("2027-01-31T00:00:00Z")));
    Policy shell = policies.get(1);
    assertThat(shell.name()).as("falls back to metadata.name").isEqualTo("shell-in-payments");
    assertThat(shell.eventSource()).isEqualTo(EventSource.DEPLOYMENT_EVENT);
    assertThat(shell.mitreAttackVectors().getFirst().techniques()).containsExactly("T1059.004");
  }

  @Test
  void securityPolicyIdComesFromAnnotationThenStatus() {
    String resources =
        """
        apiVersion: config.stackrox.io/v1alpha1
        kind: SecurityPolicy
        metadata:
          name: annotated
          annotations:
            bulwark.dev/policy-id: 11111111-2222-3333-4444-555555555555
        spec: &spec
          policyName: Annotated policy
          categories: [Test]
          lifecycleStages: [DEPLOY]
          severity: LOW_SEVERITY
          policySections:
          - policyGroups:
            - fieldName: Host PID
              values: [{value: "true"}]
        ---
        apiVersion: config.stackrox.io/v1alpha1
        kind: SecurityPolicy
        metadata:
          name: from-central
        spec:
          policyName: Policy known to Central
          categories: [Test]
          lifecycleStages: [DEPLOY]
          severity: LOW_SEVERITY
          policySections:
          - policyGroups:
            - fieldName: Host IPC
              values: [{value: "true"}]
        status:
          accepted: true
          policyId: 99999999-8888-7777-6666-555555555555
        """;

    assertThat(PolicyReader.parse(resources, "resources.yaml"))
        .extracting(Policy::id)
        .containsExactly(
            "11111111-2222-3333-4444-555555555555", "99999999-8888-7777-6666-555555555555");
  }

  @Test
  void kubectlListOfSecurityPoliciesIsExpanded() {
    String list =
        """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: config.stackrox.io/v1alpha1
          kind: SecurityPolicy
          metadata: {name: host-pid}
          spec:
            policyName: Host PID namespace shared
            categories: [Test]
            lifecycleStages: [DEPLOY]
            severity: LOW_SEVERITY
            policySections:
            - policyGroups:
              - fieldName: Host PID
                values: [{value: "true"}]
        """;

    assertThat(PolicyReader.parse(list, "list.yaml"))
        .extracting(Policy::name)
        .containsExactly("Host PID namespace shared");
  }

  @Test
  void bulwarkExtensionsAreRead() {
    String yaml =
        """
        name: Containers must set resource limits
        categories: [Resources]
        lifecycleStages: [DEPLOY]
        severity: MEDIUM_SEVERITY
        controls: ["cis-k8s:5.7.4", "nsa:resources"]
        rules:
        - name: cpu-limit
          expression: "!has(container.resources.limits.cpu)"
          message: Set a CPU limit
        - name: memory-limit
          expression: "!has(container.resources.limits.memory)"
          messageExpression: "'container ' + container.name + ' has no memory limit'"
        """;

    Policy policy = PolicyReader.parse(yaml, "limits.yaml").getFirst();

    assertThat(policy.sections()).isEmpty();
    assertThat(policy.controls()).containsExactly("cis-k8s:5.7.4", "nsa:resources");
    assertThat(policy.rules())
        .containsExactly(
            new CelRule(
                "cpu-limit", "!has(container.resources.limits.cpu)", "Set a CPU limit", null),
            new CelRule(
                "memory-limit",
                "!has(container.resources.limits.memory)",
                "",
                "'container ' + container.name + ' has no memory limit'"));
  }

  @Test
  void missingIdIsDerivedFromTheNameDeterministically() {
    String withoutId =
        PRIVILEGED_JSON.replace("\"id\": \"3c8a1a4c-1d7e-4f43-9b0c-5b1e8f1a2b3c\",", "");

    Policy first = PolicyReader.parse(withoutId, "a.json").getFirst();
    Policy second = PolicyReader.parse(withoutId, "b.json").getFirst();

    assertThat(first.id())
        .isEqualTo(second.id())
        .isEqualTo(PolicyReader.idForName("Privileged containers"));
    assertThat(first.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  @Test
  void missingPolicyVersionIsReadAsTheCurrentOne() {
    String withoutVersion = PRIVILEGED_JSON.replace("\"policyVersion\": \"1.1\",", "");

    assertThat(PolicyReader.parse(withoutVersion, "p.json").getFirst().policyVersion())
        .isEqualTo("1.1");
  }

  @Test
  void enforcementOfMissingStagesIsDroppedAsStackRoxDoes() {
    String enforced =
        PRIVILEGED_JSON.replace(
            "\"severity\"",
            "\"enforcementActions\": [\"FAIL_BUILD_ENFORCEMENT\", \"SCALE_TO_ZERO_ENFORCEMENT\","
                + " \"KILL_POD_ENFORCEMENT\"], \"severity\"");

    assertThat(PolicyReader.parse(enforced, "p.json").getFirst().enforcementActions())
        .containsExactly(EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT);
  }

  @Test
  void stackRoxBookkeepingAndUnknownTopLevelFieldsAreIgnored() {
    String exported =
        PRIVILEGED_JSON.replace(
            "\"severity\"",
            "\"lastUpdated\": \"2024-01-01T00:00:00Z\", \"SORTName\": \"x\", \"source\":"
                + " \"IMPERATIVE\", \"futureStackRoxField\": {\"a\": 1}, \"severity\"");

    assertThat(PolicyReader.parse(exported, "p.json")).hasSize(1);
  }

  @Test
  void misspeltTopLevelFieldIsAnError() {
    String misspelt = PRIVILEGED_JSON.replace("\"lifecycleStages\"", "\"lifecycleStage\"");

    assertThatThrownBy(() -> PolicyReader.parse(misspelt, "p.json"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::field, Problem::reason)
                    .contains(
                        org.assertj.core.groups.Tuple.tuple(
                            "lifecycleStage",
                            "unknown field \"lifecycleStage\"; did you mean"
                                + " \"lifecycleStages\"?")));
  }

  @Test
  void directoryIsReadRecursivelyInSortedOrder(@TempDir Path directory) throws IOException {
    Files.createDirectories(directory.resolve("b"));
    Files.writeString(directory.resolve("b/z.json"), jsonPolicyNamed("Policy in b slash z"));
    Files.writeString(directory.resolve("a.yaml"), policyNamed("Policy in a dot yaml"));
    Files.writeString(directory.resolve("c.yml"), policyNamed("Policy in c dot yml"));
    Files.writeString(directory.resolve("notes.txt"), "not a policy");

    assertThat(PolicyReader.read(directory))
        .extracting(Policy::name)
        .containsExactly("Policy in a dot yaml", "Policy in b slash z", "Policy in c dot yml");
  }

  @Test
  void duplicateNamesAcrossFilesAreReportedAtTheSecond(@TempDir Path directory) throws IOException {
    Files.writeString(directory.resolve("one.yaml"), policyNamed("Same name twice"));
    Files.writeString(directory.resolve("two.yaml"), policyNamed("Same name twice"));

    assertThatThrownBy(() -> PolicyReader.read(directory))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.problems()).hasSize(2);
              assertThat(e.problems())
                  .allSatisfy(problem ->
                      assertThat(problem.origin())
                          .startsWith(directory.resolve("two.yaml") + ":1:1"));
              assertThat(e.problems()).extracting(Problem::field).containsExactly("name", "id");
              assertThat(e.problems().getFirst().reason())
                  .contains(directory.resolve("one.yaml") + ":1:1")
                  .contains("must be unique");
            });
  }

  @Test
  void missingPathIsAProblem(@TempDir Path directory) {
    Path missing = directory.resolve("nowhere");

    assertThatThrownBy(() -> PolicyReader.read(missing))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new Problem(missing.toString(), "", "", "no such file or directory")));
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    String broken =
        """
        {
          "name": "Broken policy",
          "categories": ["Test",]
        }
        """;

    assertThatThrownBy(() -> PolicyReader.parse(broken, "broken.json"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> {
              assertThat(e.problems()).hasSize(1);
              assertThat(e.problems().getFirst().origin()).isEqualTo("broken.json:3:25");
              assertThat(e.getMessage()).startsWith("broken.json:3:25: ");
            });
  }

  @Test
  void malformedYamlNamesLineAndColumn() {
    String broken =
        """
        name: Broken policy
        categories: [Test
        severity: LOW
        """;

    assertThatThrownBy(() -> PolicyReader.parse(broken, "broken.yaml"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e -> assertThat(e.problems().getFirst().origin()).matches("broken\\.yaml:\\d+:\\d+"));
  }

  @Test
  void problemsOfEveryPolicyAreCollectedWithTheirPositions() {
    String two =
        """
        policies:
        - name: Bad
          categories: [Test]
          lifecycleStages: [DEPLOY]
          severity: LOW_SEVERITY
          policySections:
          - policyGroups:
            - fieldName: Privileged Container
              values: [{value: "true"}]
        - name: Also bad policy
          categories: [Test]
          lifecycleStages: [DEPLOY]
          severity: LOW_SEVERITY
          policySections:
          - policyGroups:
            - fieldName: Privileged
              values: [{value: "true"}]
        """;

    assertThatThrownBy(() -> PolicyReader.parse(two, "two.yaml"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new Problem(
                            "two.yaml:2:3",
                            "Bad",
                            "name",
                            "the name must be 5 to 128 characters long, without line breaks or"
                                + " '$'"),
                        new Problem(
                            "two.yaml:16:7",
                            "Also bad policy",
                            "policySections[0].policyGroups[0]",
                            "unknown field \"Privileged\"; did you mean \"Privileged"
                                + " Container\"?")));
  }

  @Test
  void resourceProblemsPointAtTheSpec() {
    String resource =
        """
        apiVersion: config.stackrox.io/v1alpha1
        kind: SecurityPolicy
        metadata:
          name: bad
        spec:
          policyName: Bad
          categories: [Test]
          lifecycleStages: [DEPLOY]
          severity: LOW_SEVERITY
          policySections:
          - policyGroups:
            - fieldName: Host PID
              values: [{value: "maybe"}]
        """;

    assertThatThrownBy(() -> PolicyReader.parse(resource, "bad.yaml"))
        .isInstanceOfSatisfying(
            InvalidPolicyException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::origin, Problem::field)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bad.yaml:6:3", "policyName"),
                        org.assertj.core.groups.Tuple.tuple(
                            "bad.yaml:13:16", "policySections[0].policyGroups[0].values[0]")));
  }

  @Test
  void resourceSpecWithNameInsteadOfPolicyNameIsReported() {
    String resource =
        """
        apiVersion: config.stackrox.io/v1alpha1
        kind: SecurityPolicy
        metadata:
          name: host-pid
        spec:
          name: Host PID namespace shared
          categories: [Test]
          lifecycleStages: [DEPLOY]
          severity: LOW_SEVERITY
          policySections:
          - policyGroups:
            - fieldName: Host PID
              values: [{value: "true"}]
        """;

    assertThatThrownBy(() -> PolicyReader.parse(resource, "host-pid.yaml"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessage(
            "host-pid.yaml:6:3: spec.name: a SecurityPolicy spec names the policy with policyName,"
                + " not name");
  }

  @Test
  void otherKindsAreRejected() {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        """;

    assertThatThrownBy(() -> PolicyReader.parse(deployment, "web.yaml"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("web.yaml:2:1: kind: expected a SecurityPolicy resource");
  }

  private static String jsonPolicyNamed(String name) {
    return """
    {"name": "%s", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
     "severity": "LOW_SEVERITY",
     "policySections": [{"policyGroups": [{"fieldName": "Host Network",
                                           "values": [{"value": "true"}]}]}]}
    """
        .formatted(name);
  }

  private static String policyNamed(String name) {
    return """
    name: %s
    categories: [Test]
    lifecycleStages: [DEPLOY]
    severity: LOW_SEVERITY
    policySections:
    - policyGroups:
      - fieldName: Host Network
        values: [{value: "true"}]
    """
        .formatted(name);
  }
}
