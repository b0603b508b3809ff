package dev.bulwark.policy.kubelinter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.framework.Framework;
import dev.bulwark.policy.framework.Frameworks;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.CelRule;
import dev.bulwark.policy.model.CheckReference;
import dev.bulwark.policy.model.Policy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** kube-linter configuration files translated into policies and a selection. */
class KubeLinterConfigTest {
  private static final Framework KUBE_LINTER = Frameworks.byName("kube-linter").orElseThrow();

  @Test
  void templatesBecomeNativeChecksWithRenamedParameters() {
    KubeLinterConfig config =
        KubeLinterConfig.parse(
            """
            customChecks:
              - name: five-replicas
                description: Production needs five replicas.
                remediation: Scale up.
                template: minimum-replicas
                params: {MinReplicas: 5}
              - name: no-reloader
                scope: {objectKinds: [DeploymentLike, ServiceAccount]}
                template: forbidden-annotation
                params: {key: reloader, value: "!false"}
              - name: services-cluster-ip
                template: forbidden-service-types
                params:
                  forbiddenServiceTypes: [NodePort, ExternalName]
            """,
            "config.yaml");

    assertThat(config.customChecks())
        .extracting(Policy::id)
        .containsExactly(
            "kube-linter-five-replicas",
            "kube-linter-no-reloader",
            "kube-linter-services-cluster-ip");
    Policy replicas = config.customChecks().get(0);
    assertThat(replicas.description()).isEqualTo("Production needs five replicas.");
    assertThat(replicas.controls()).containsExactly("kube-linter:five-replicas");
    assertThat(replicas.checks())
        .containsExactly(new CheckReference("minimum-replicas", Map.of("minimum", "5")));
    assertThat(config.customChecks().get(1).checks())
        .as("kube-linter expressions match anywhere; the negation stays in front")
        .containsExactly(
            new CheckReference(
                "forbidden-annotation",
                Map.of(
                    "key", "(?s:.*(?:reloader).*)",
                    "value", "!(?s:.*(?:false).*)",
                    "kinds", "workloads,ServiceAccount")));
    assertThat(config.customChecks().get(2).checks())
        .containsExactly(
            new CheckReference("service-type", Map.of("types", "NodePort,ExternalName")));
  }

  @Test
  void celChecksBecomeRulesGuardedByTheirScope() {
    KubeLinterConfig config =
        KubeLinterConfig.parse(
            """
            customChecks:
              - name: irsa-role
                scope: {objectKinds: [ServiceAccount, DeploymentLike]}
                template: cel-expression
                params:
                  check: 'has(object.metadata.labels) ? "" : "no labels"'
            """,
            "config.yaml");

    assertThat(config.customChecks().getFirst().rules())
        .containsExactly(
            new CelRule(
                "irsa-role",
                "(size(workload) > 0 || object.kind in [\"ServiceAccount\"]) &&"
                    + " (has(object.metadata.labels) ? \"\" : \"no labels\") != \"\"",
                "irsa-role",
                "has(object.metadata.labels) ? \"\" : \"no labels\""));
  }

  @Test
  void theChecksSectionSelectsLikeKubeLinter() {
    KubeLinterSelection selection =
        KubeLinterConfig.parse(
                """
                checks:
                  include: [sorted-keys, my-check]
                  exclude: [latest-tag]
                customChecks:
                  - name: my-check
                    template: required-label
                    params: {key: team}
                """,
                "config.yaml")
            .selection();

    assertThat(selection.enables(builtIn("sorted-keys"), KUBE_LINTER)).isTrue();
    assertThat(selection.enables(builtIn("latest-tag"), KUBE_LINTER)).isFalse();
    assertThat(selection.enables(builtIn("run-as-root"), KUBE_LINTER)).as("a default").isTrue();
    assertThat(selection.enables(builtIn("minimum-replicas"), KUBE_LINTER)).isFalse();
    assertThat(selection.enables(builtIn("host-port"), KUBE_LINTER))
        .as("not kube-linter")
        .isFalse();
    assertThat(selection.withoutDefaults().enables(builtIn("run-as-root"), KUBE_LINTER)).isFalse();
    assertThat(
            new KubeLinterSelection(false, true, List.of(), List.of(), Set.of())
                .enables(builtIn("minimum-replicas"), KUBE_LINTER))
        .isTrue();
    assertThat(selection.customChecks()).containsExactly("my-check");
  }

  @Test
  void everyProblemIsReportedWithItsLine() {
    InvalidPolicyException failure =
        catchThrowableOfType(
            InvalidPolicyException.class,
            () ->
                KubeLinterConfig.parse(
                    """
                    customCheck: []
                    customChecks:
                      - name: schemas
                        template: latest-tag
                      - name: replicas
                        template: minimum-replicas
                        params: {replicas: 3}
                      - name: narrow
                        template: hpa-minimum-replicas
                        scope: {objectKinds: [Deployment]}
                      - name: Bad_Name
                        template: sorted-keys
                    checks:
                      exclude: [no-such-check]
                      addAllBuiltIn: maybe
                    """,
                    "config.yaml"));

    assertThat(failure).isNotNull();
    assertThat(failure.problems().stream().map(Object::toString))
        .containsExactly(
            "config.yaml:1:1: customCheck: kube-linter has no setting \"customCheck\" here; did"
                + " you mean customChecks?",
            "config.yaml:4:5: customChecks[0].template: Bulwark does not implement the kube-linter"
                + " template \"latest-tag\"; see docs/compat/kube-linter.md for the supported"
                + " templates",
            "config.yaml:7:14: customChecks[1].params.replicas: Bulwark's version of the template"
                + " \"minimum-replicas\" takes only minReplicas",
            "config.yaml:10:5: customChecks[2].scope.objectKinds: Bulwark applies the template"
                + " \"hpa-minimum-replicas\" to HorizontalPodAutoscaler and cannot narrow it to"
                + " Deployment; remove the scope or use an exception",
            "config.yaml:11:5: customChecks[3].name: a custom check needs a name in lower-case"
                + " kebab-case, such as required-label-team",
            "config.yaml:14:13: checks.exclude[0]: no kube-linter check is called"
                + " \"no-such-check\"",
            "config.yaml:15:18: checks.addAllBuiltIn: expected true or false");
  }

  private static Policy builtIn(String id) {
    return BuiltinPolicies.all().stream()
        .filter(policy -> policy.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
