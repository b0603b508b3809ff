package dev.bulwark.policy.check;

import static dev.bulwark.policy.check.NativeCheckRunner.messages;
import static dev.bulwark.policy.check.NativeCheckRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The object-level checks behind the kube-linter policies, on the cases their fixtures do not spell
 * out: edge values, where findings point, and parameters that cannot be used.
 */
class ObjectChecksTest {

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "http|",
        "n23456789012345|",
        "n234567890123456|is longer than 15 characters",
        "123456|has no letter",
        "Http|has characters other than lower-case letters, digits and hyphens",
        "-http|starts or ends with a hyphen or has two in a row",
        "a--b|starts or ends with a hyphen or has two in a row",
      })
  void portNamesFollowTheIanaServiceNameRules(String name, String problem) {
    assertThat(PortNameCheck.nameProblem(name)).isEqualTo(problem);
  }

  @Test
  void serviceTargetPortsAreNamesOrNumbersInRange() throws InvalidCheckParameterException {
    List<NativeCheckRunner.Finding> findings =
        run(
            "invalid-port-name",
            Map.of(),
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              ports:
                - port: 80
                  targetPort: 8080
                - port: 81
                  targetPort: "8081"
                - port: 82
                  targetPort: 65536
            """);

    assertThat(findings)
        .extracting(NativeCheckRunner.Finding::message, NativeCheckRunner.Finding::line)
        .containsExactly(
            tuple("Service \"web\" has targetPort \"8081\", which has no letter", 10),
            tuple(
                "Service \"web\" has targetPort \"65536\", which is not a port number from 1 to"
                    + " 65535",
                12));
  }

  @Test
  void sortedKeysReportsEachMappingOnceAtItsLine() throws InvalidCheckParameterException {
    String yaml =
        """
        kind: ConfigMap
        apiVersion: v1
        metadata:
          name: settings
        data:
          b: "2"
          a: "1"
          Z: "0"
        """;

    List<NativeCheckRunner.Finding> findings = run("sorted-keys", Map.of(), yaml);

    assertThat(findings)
        .extracting(NativeCheckRunner.Finding::message, NativeCheckRunner.Finding::line)
        .containsExactly(
            tuple(
                "Keys of the object are not in alphabetical order: expected apiVersion, data,"
                    + " kind, metadata",
                1),
            tuple("Keys at data are not in alphabetical order: expected Z, a, b", 5));
    assertThat(messages("sorted-keys", Map.of("recursive", "false"), yaml)).hasSize(1);
  }

  @Test
  void selectorsWithExpressionsAndPlainMapsAreMatchedAgainstPodLabels()
      throws InvalidCheckParameterException {
    String deployment =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchExpressions:
              - {key: tier, operator: NotIn, values: [batch]}
              - {key: app, operator: Exists}
          template:
            metadata:
              labels: {app: web, tier: %s}
            spec:
              containers: [{name: web, image: web:1}]
        """;
    String controller =
        """
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: legacy
        spec:
          selector: {app: legacy}
          template:
            metadata:
              labels: {app: legacy, extra: label}
            spec:
              containers: [{name: legacy, image: legacy:1}]
        """;

    assertThat(messages("selector-mismatch", Map.of(), deployment.formatted("edge"))).isEmpty();
    assertThat(messages("selector-mismatch", Map.of(), deployment.formatted("batch")))
        .containsExactly(
            "Deployment \"web\" selects pods by tier NotIn (batch), app Exists but its pod"
                + " template has labels app=web, tier=batch");
    assertThat(messages("selector-mismatch", Map.of(), controller)).isEmpty();
  }

  @Test
  void wildcardsInRoleRulesAreReportedPerRuleAndField() throws InvalidCheckParameterException {
    String role =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: operator
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["*"]
          - apiGroups: [""]
            resources: ["*"]
            verbs: ["list"]
        """;

    assertThat(messages("role-wildcard", Map.of(), role))
        .containsExactly(
            "ClusterRole \"operator\" rule 0 allows every verb (*)",
            "ClusterRole \"operator\" rule 1 applies to every resource (*)");
  }

  @Test
  void antiAffinityExplainsWhyATermDoesNotSpreadThePods() throws InvalidCheckParameterException {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: cart
          namespace: foo
        spec:
          replicas: 3
          selector:
            matchLabels: {app: cart}
          template:
            metadata:
              labels: {app: cart}
            spec:
              affinity:
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    - topologyKey: kubernetes.io/hostname
                      namespaces: [bar]
                      labelSelector:
                        matchLabels: {app: cart}
                    - topologyKey: topology.kubernetes.io/zone
                      labelSelector:
                        matchLabels: {app: cart}
              containers: [{name: cart, image: cart:1}]
        """;

    assertThat(messages("pod-anti-affinity", Map.of(), yaml))
        .containsExactly(
            "Deployment \"cart\" runs 3 replicas but its pod anti-affinity does not spread them:"
                + " it applies to namespaces bar, not the pods' namespace foo",
            "Deployment \"cart\" runs 3 replicas but its pod anti-affinity does not spread them:"
                + " its topology key \"topology.kubernetes.io/zone\" does not match"
                + " kubernetes\\.io/hostname");
    assertThat(messages("pod-anti-affinity", Map.of("topologyKey", ".*zone"), yaml)).isEmpty();
    assertThat(messages("pod-anti-affinity", Map.of("minimumReplicas", "4"), yaml)).isEmpty();
  }

  @Test
  void metadataChecksHonourKindsAndNegatedValues() throws InvalidCheckParameterException {
    String account =
        """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: uploader
          annotations:
            eks.amazonaws.com/role-arn: not-an-arn
        """;
    Map<String, String> invalidArn =
        Map.of(
            "key", "eks\\.amazonaws\\.com/role-arn",
            "value", "!arn:aws:iam::\\d{12}:role/.+",
            "kinds", "ServiceAccount");

    assertThat(messages("forbidden-annotation", invalidArn, account))
        .containsExactly(
            "ServiceAccount \"uploader\" has annotation eks.amazonaws.com/role-arn, which matches"
                + " eks\\.amazonaws\\.com/role-arn=!arn:aws:iam::\\d{12}:role/.+");
    assertThat(messages("required-label", Map.of("key", "owner"), account))
        .as("workloads only, by default")
        .isEmpty();
    assertThat(messages("required-label", Map.of("key", "owner", "kinds", "*"), account))
        .containsExactly("ServiceAccount \"uploader\" has no label matching owner");
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "minimum-replicas|minimum|two|expected a whole number of at least 1, found \"two\"",
        "update-strategy|allowed|(Rolling|\"(Rolling\" is not a valid RE2 regular expression:",
        "probe-port-exposed|probe|lively|expected liveness, readiness or startup, found \"lively\"",
        "sorted-keys|recursive|yes|expected true or false, found \"yes\"",
        "service-type|types|' , '|expected a comma-separated list with at least one item",
        "role-grants|verbs|' '|expected a comma-separated list of names without wildcards",
      })
  void unusableParametersAreRejectedWithWhatWouldDo(
      String check, String parameter, String value, String reason) {
    InvalidCheckParameterException failure =
        catchThrowableOfType(
            InvalidCheckParameterException.class,
            () ->
                NativeChecks.byId(check)
                    .orElseThrow()
                    .bind(Map.of(parameter, value, "resources", "secrets")));

    assertThat(failure).isNotNull();
    assertThat(failure.parameter()).isEqualTo(parameter);
    assertThat(failure.reason()).startsWith(reason);
  }
}
