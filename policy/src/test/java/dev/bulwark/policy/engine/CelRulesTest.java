package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.NOW;
import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CEL rules count as one more OR'ed section, for every object, under the same scope and waivers.
 */
class CelRulesTest {
  private static final ManifestObject LOAD_BALANCER =
      TestYaml.object(
          """
          apiVersion: v1
          kind: Service
          metadata:
            name: web
            namespace: prod
            annotations:
              ignore-check.bulwark.dev/public-services: approved by the edge team
          spec:
            type: LoadBalancer
          """);
  private static final String PUBLIC =
      "object.kind == 'Service' && object.spec.type == 'LoadBalancer'";

  @Test
  void aRuleMatchesObjectsThatRunNoPods() {
    Policy policy = policy("Public services").rule("lb", PUBLIC, "Service is public").build();

    List<PolicyOutcome> outcomes = evaluate(policy, LOAD_BALANCER);

    assertThat(outcomes)
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.VIOLATED);
          Violation violation = outcome.violations().get(0);
          assertThat(violation.message()).isEqualTo("Service is public");
          assertThat(violation.path()).isEqualTo(FieldPath.ROOT);
          assertThat(violation.location().line()).isEqualTo(1);
        });
  }

  @Test
  void ruleViolationsAreWaivedLikeCriteriaViolations() {
    Policy policy =
        policy("Public services")
            .id("public-services")
            .rule("lb", PUBLIC, "Service is public")
            .build();

    Violation violation = evaluate(policy, LOAD_BALANCER).get(0).violations().get(0);

    assertThat(violation.waiver())
        .extracting(Waiver::kind, Waiver::reason)
        .containsExactly(Waiver.Kind.ANNOTATION, "approved by the edge team");
  }

  @Test
  void scopesApplyToRulesToo() {
    Policy policy =
        policy("Public services in dev")
            .scope(new Scope(null, "dev", null, null, null))
            .rule("lb", PUBLIC, "Service is public")
            .build();

    assertThat(evaluate(policy, LOAD_BALANCER)).isEmpty();
  }

  @Test
  void aRuleIsOneMoreOredSection() {
    Policy policy =
        policy("Privileged or no team label")
            .section(group("Privileged Container", "true"))
            .rule("team", "!('team' in workload.labels)", "Workload has no team label")
            .build();
    var unlabelled = workload().container(container("app")).build();

    assertThat(TestPolicies.compile(policy).evaluate(input(unlabelled), LifecycleStage.DEPLOY))
        .singleElement()
        .satisfies(outcome ->
            assertThat(outcome.violations())
                .extracting(Violation::message)
                .containsExactly("Workload has no team label"));
  }

  @Test
  void aFailingRuleWithoutMatchesMakesThePolicyNotEvaluated() {
    Policy policy =
        policy("Broken rule").rule("selector", "object.spec.selector.app == 'web'", "x").build();

    assertThat(evaluate(policy, LOAD_BALANCER))
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
          assertThat(outcome.reason()).startsWith("selector: ");
        });
  }

  @Test
  void ruleCompileErrorsAreCollectedWithTheOtherProblems() {
    Policy policy =
        policy("Bad rule")
            .section(group("Image Tag", "("))
            .rule("broken", "object.kind ==", "x")
            .build();

    InvalidPolicyException thrown =
        catchThrowableOfType(InvalidPolicyException.class, () -> TestPolicies.compile(policy));

    assertThat(thrown.problems())
        .extracting(InvalidPolicyException.Problem::field)
        .containsExactlyInAnyOrder(
            "policySections[0].policyGroups[0].values[0]", "rules[0].expression");
  }

  private static List<PolicyOutcome> evaluate(Policy policy, ManifestObject object) {
    EvaluationInput input =
        new EvaluationInput(object, null, null, ImageDataProvider.NONE, TestWorkloads.CLUSTER, NOW);
    return TestPolicies.compile(policy).evaluate(input, LifecycleStage.DEPLOY);
  }
}
