package dev.bulwark.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyWriterTest {
  private static final String SOURCE =
      """
      id: 5d3c2f1e-0000-4000-8000-000000000001
      name: "Labels: on and yes"
      categories: [Labels]
      lifecycleStages: [DEPLOY]
      severity: LOW_SEVERITY
      scope: [{namespace: "on", label: {key: app, value: "yes"}}]
      exclusions: [{name: tmp, deployment: {name: web}, expiration: "2030-01-01T00:00:00Z"}]
      policySections:
      - sectionName: ports
        policyGroups:
        - {fieldName: Required Label, booleanOperator: AND, values: [{value: "owner=.+"}, {value: "team=.+"}]}
        - {fieldName: Exposed Port, negate: true, values: [{value: "22"}]}
      controls: ["cis-k8s:5.2.2"]
      rules: [{name: limits, expression: "true", message: "Set limits: yes"}]
      checks: [{check: removed-api-version, parameters: {kubernetesVersion: "1.29"}}]
      """;

  private static Policy policy() {
    return PolicyReader.parse(SOURCE, "source.yaml").getFirst();
  }

  @Test
  void stackRoxJsonHasStackRoxsShapeAndOrder() {
    assertThat(PolicyWriter.toStackRoxJson(policy()))
        .isEqualTo(
            """
            {
              "id": "5d3c2f1e-0000-4000-8000-000000000001",
              "name": "Labels: on and yes",
              "categories": [
                "Labels"
              ],
              "lifecycleStages": [
                "DEPLOY"
              ],
              "exclusions": [
                {
                  "name": "tmp",
                  "deployment": {
                    "name": "web"
                  },
                  "expiration": "2030-01-01T00:00:00Z"
                }
              ],
              "scope": [
                {
                  "namespace": "on",
                  "label": {
                    "key": "app",
                    "value": "yes"
                  }
                }
              ],
              "severity": "LOW_SEVERITY",
              "policyVersion": "1.1",
              "policySections": [
                {
                  "sectionName": "ports",
                  "policyGroups": [
                    {
                      "fieldName": "Required Label",
                      "booleanOperator": "AND",
                      "values": [
                        {
                          "value": "owner=.+"
                        },
                        {
                          "value": "team=.+"
                        }
                      ]
                    },
                    {
                      "fieldName": "Exposed Port",
                      "negate": true,
                      "values": [
                        {
                          "value": "22"
                        }
                      ]
                    }
                  ]
                }
              ],
              "controls": [
                "cis-k8s:5.2.2"
              ],
              "rules": [
                {
                  "name": "limits",
                  "expression": "true",
                  "message": "Set limits: yes"
                }
              ],
              "checks": [
                {
                  "check": "removed-api-version",
                  "parameters": {
                    "kubernetesVersion": "1.29"
                  }
                }
              ]
            }
            """);
  }

  @Test
  void extensionsCanBeLeftOutForStackRox() {
    String json = PolicyWriter.toStackRoxJson(List.of(policy()), false);

    assertThat(json)
        .startsWith("{\n  \"policies\": [\n")
        .doesNotContain("controls", "rules", "checks");
    assertThat(PolicyReader.parse(json, "export.json").getFirst().controls()).isEmpty();
  }

  @Test
  void securityPolicyYamlFollowsTheResourceSchemaAndQuotesAmbiguousText() {
    assertThat(PolicyWriter.toSecurityPolicyYaml(List.of(policy())))
        .isEqualTo(
            """
            ---
            apiVersion: config.stackrox.io/v1alpha1
            kind: SecurityPolicy
            metadata:
              name: labels-on-and-yes
              annotations:
                bulwark.dev/policy-id: 5d3c2f1e-0000-4000-8000-000000000001
            spec:
              policyName: 'Labels: on and yes'
              categories:
              - Labels
              lifecycleStages:
              - DEPLOY
              eventSource: NOT_APPLICABLE
              exclusions:
              - name: tmp
                deployment:
                  name: web
                expiration: '2030-01-01T00:00:00Z'
              scope:
              - namespace: 'on'
                label:
                  key: app
                  value: 'yes'
              severity: LOW_SEVERITY
              policySections:
              - sectionName: ports
                policyGroups:
                - fieldName: Required Label
                  booleanOperator: AND
                  values:
                  - value: owner=.+
                  - value: team=.+
                - fieldName: Exposed Port
                  booleanOperator: OR
                  negate: true
                  values:
                  - value: '22'
              criteriaLocked: false
              mitreVectorsLocked: false
              isDefault: false
              controls:
              - cis-k8s:5.2.2
              rules:
              - name: limits
                expression: 'true'
                message: 'Set limits: yes'
              checks:
              - check: removed-api-version
                parameters:
                  kubernetesVersion: '1.29'
            """);
  }

  @Test
  void everyFormatReadsBackToEqualRecords() {
    List<Policy> policies = List.of(policy());

    assertThat(PolicyReader.parse(PolicyWriter.toStackRoxJson(policies), "bundle.json"))
        .isEqualTo(policies);
    assertThat(PolicyReader.parse(PolicyWriter.toStackRoxJson(policies.getFirst()), "one.json"))
        .isEqualTo(policies);
    assertThat(PolicyReader.parse(PolicyWriter.toSecurityPolicyYaml(policies), "crs.yaml"))
        .isEqualTo(policies);
  }

  @Test
  void resourceNamesStayUniqueWhenPolicyNamesCollide() {
    Policy first = policy();
    Policy second =
        PolicyReader.parse(
                SOURCE
                    .replace(
                        "5d3c2f1e-0000-4000-8000-000000000001",
                        "5d3c2f1e-0000-4000-8000-000000000002")
                    .replace("Labels: on and yes", "Labels on and yes"),
                "second.yaml")
            .getFirst();

    String yaml = PolicyWriter.toSecurityPolicyYaml(List.of(first, second));

    assertThat(yaml).contains("  name: labels-on-and-yes\n", "  name: labels-on-and-yes-2\n");
    assertThat(PolicyReader.parse(yaml, "crs.yaml")).containsExactly(first, second);
  }

  @ParameterizedTest
  @CsvSource({
    "Privileged Container, privileged-container",
    "'Docker CIS 5.9 and 5.20: Ensure that the host''s network namespace is not shared',"
        + " docker-cis-5-9-and-5-20-ensure-that-the-host-s-network-namespac",
    "'  --Émigré policy--  ', migr-policy",
    "'$$$', policy"
  })
  void resourceNameIsADnsLabel(String policyName, String resourceName) {
    assertThat(PolicyWriter.resourceName(policyName))
        .isEqualTo(resourceName)
        .matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  }
}
