package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.policy.engine.TestYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Role rules are matched as the API server authorizes requests, wildcards included. */
class RoleGrantsCheckTest {
  private static final ManifestObject ROLE =
      TestYaml.object(
          """
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata:
            name: node-tools
          rules:
            - apiGroups: [""]
              resources: [nodes]
              verbs: [get, list]
            - apiGroups: [""]
              resources: ["*/proxy"]
              verbs: ["*"]
            - apiGroups: [certificates.k8s.io]
              resources: [certificatesigningrequests/approval]
              verbs: [update]
          """);

  @Test
  void reportsEachRuleThatGrantsAWantedVerbOnAWantedResource() throws Exception {
    List<String> findings =
        evaluate(ROLE, Map.of("resources", "nodes/proxy,nodes", "verbs", "get"));

    assertThat(findings)
        .containsExactly(
            "rules[0]: ClusterRole \"node-tools\" grants get on nodes",
            "rules[1]: ClusterRole \"node-tools\" grants get on nodes/proxy");
  }

  @Test
  void theApiGroupOfTheResourceMustMatch() throws Exception {
    assertThat(
            evaluate(
                ROLE,
                Map.of("resources", "certificatesigningrequests.certificates.k8s.io/approval")))
        .containsExactly(
            "rules[2]: ClusterRole \"node-tools\" grants update on"
                + " certificatesigningrequests.certificates.k8s.io/approval");
    assertThat(evaluate(ROLE, Map.of("resources", "certificatesigningrequests/approval")))
        .isEmpty();
  }

  @Test
  void otherKindsAndGroupsAreIgnored() throws Exception {
    ManifestObject lookalike =
        TestYaml.object(
            """
            apiVersion: example.com/v1
            kind: ClusterRole
            metadata:
              name: not-rbac
            rules:
              - apiGroups: ["*"]
                resources: ["*"]
                verbs: ["*"]
            """);

    assertThat(evaluate(lookalike, Map.of())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "nodes,,pods", "*", "nodes/", "/proxy", ".apps"})
  void rejectsResourceListsItCannotMatch(String resources) {
    InvalidCheckParameterException error =
        catchThrowableOfType(
            InvalidCheckParameterException.class,
            () -> new RoleGrantsCheck().bind(Map.of("resources", resources)));

    assertThat(error.parameter()).isEqualTo("resources");
    assertThat(error.reason()).contains(resources.isEmpty() ? "comma-separated" : resources);
  }

  @ParameterizedTest
  @CsvSource({"'create,'", "'*'", "' '"})
  void rejectsVerbListsItCannotMatch(String verbs) {
    InvalidCheckParameterException error =
        catchThrowableOfType(
            InvalidCheckParameterException.class,
            () -> new RoleGrantsCheck().bind(Map.of("verbs", verbs)));

    assertThat(error.parameter()).isEqualTo("verbs");
  }

  private static List<String> evaluate(ManifestObject object, Map<String, String> parameters)
      throws InvalidCheckParameterException {
    CheckEvaluator.PerObject evaluator =
        (CheckEvaluator.PerObject) new RoleGrantsCheck().bind(parameters);
    List<String> findings = new ArrayList<>();
    evaluator.evaluate(
        object, null, (String message, FieldPath path) -> findings.add(path + ": " + message));
    return findings;
  }
}
