package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Checks judged across the input: what they keep of an object is handed out while the input is
 * read, judged against the index of every object afterwards, located where the object was written
 * and waived by the object's annotations and the exceptions that cover it.
 */
class AcrossInputEvaluationTest {
  private static final Policy DANGLING =
      policy("Service selects no pods")
          .id("dangling-service")
          .check("dangling-service", Map.of())
          .build();

  private static final ManifestObject SERVICE =
      TestYaml.object(
          """
          apiVersion: v1
          kind: Service
          metadata:
            name: web
            namespace: shop
          spec:
            selector:
              app: web
          """);

  private static final ManifestObject WORKLOAD =
      TestYaml.object(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: shop
          spec:
            template:
              metadata:
                labels:
                  app: web
              spec:
                containers:
                  - name: web
                    image: web:1
          """);

  /** Evaluates the objects in order with the deferred outcomes judged at the end. */
  private static List<PolicyOutcome> run(CompiledPolicySet policies, List<ManifestObject> objects) {
    InputIndex.Builder index = InputIndex.builder();
    List<PolicyOutcome> outcomes = new ArrayList<>();
    List<DeferredOutcome> deferred = new ArrayList<>();
    for (ManifestObject object : objects) {
      Workload workload = WorkloadExtractor.extract(object).orElse(null);
      index.add(object, workload);
      outcomes.addAll(
          policies.evaluate(input(object, workload), LifecycleStage.DEPLOY, deferred::add));
    }
    InputIndex built = index.build();
    for (DeferredOutcome outcome : deferred) {
      PolicyOutcome judged = outcome.judge(built);
      if (judged != null) {
        outcomes.add(judged);
      }
    }
    return outcomes;
  }

  private static EvaluationInput input(ManifestObject object, @Nullable Workload workload) {
    return new EvaluationInput(object, workload, null, ImageDataProvider.NONE, "", NOW);
  }

  @Test
  void aDeferredViolationPointsAtTheFieldOfTheObjectItWasKeptFrom() {
    List<PolicyOutcome> outcomes = run(TestPolicies.compile(DANGLING), List.of(SERVICE));

    assertThat(outcomes)
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.VIOLATED);
          assertThat(outcome.policy().policy()).isEqualTo(DANGLING);
          Violation violation = outcome.violations().getFirst();
          assertThat(violation.message()).contains("app=web");
          assertThat(violation.path().toString()).isEqualTo("spec.selector");
          assertThat(violation.location().line()).isEqualTo(7);
          assertThat(violation.waived()).isFalse();
        });
  }

  @Test
  void objectsLaterInTheInputCount() {
    assertThat(run(TestPolicies.compile(DANGLING), List.of(SERVICE, WORKLOAD))).isEmpty();
  }

  @Test
  void theFlaggedObjectsAnnotationWaivesIt() {
    ManifestObject annotated =
        TestYaml.object(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              annotations:
                ignore-check.bulwark.dev/dangling-service: pods come from another chart
            spec:
              selector:
                app: web
            """);

    Violation violation =
        run(TestPolicies.compile(DANGLING), List.of(annotated)).getFirst().violations().getFirst();

    assertThat(violation.waiver())
        .isEqualTo(
            new Waiver(
                Waiver.Kind.ANNOTATION,
                "ignore-check.bulwark.dev/dangling-service",
                "pods come from another chart",
                null,
                null,
                null));
  }

  @Test
  void anExceptionCoveringTheFlaggedObjectWaivesIt() {
    PolicyException exception =
        new PolicyException(
            "shop-services",
            List.of("dangling-service"),
            List.of(),
            null,
            List.of("shop"),
            Map.of(),
            List.of("web"),
            List.of(),
            "team-shop",
            "the pods are deployed by the platform chart",
            "SHOP-7",
            null,
            "exceptions.yaml");

    Violation violation =
        run(PolicyCompiler.compile(List.of(DANGLING), List.of(exception)), List.of(SERVICE))
            .getFirst()
            .violations()
            .getFirst();

    assertThat(violation.waiver()).extracting(Waiver::name).isEqualTo("shop-services");
  }

  @Test
  void evaluatingOneObjectAloneLeavesThePolicyUndecided() {
    CompiledPolicySet compiled = TestPolicies.compile(DANGLING);

    List<PolicyOutcome> outcomes = compiled.evaluate(input(SERVICE, null), LifecycleStage.DEPLOY);

    assertThat(outcomes)
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
          assertThat(outcome.reason()).isEqualTo(PolicyRun.WHOLE_INPUT_REASON);
        });
    assertThat(compiled.evaluate(input(WORKLOAD, null), LifecycleStage.DEPLOY))
        .as("nothing to judge on objects the check does not read")
        .isEmpty();
  }

  @Test
  void onlyPoliciesWithSuchChecksNeedAnIndex() {
    CompiledPolicySet dangling = TestPolicies.compile(DANGLING);
    CompiledPolicySet root =
        TestPolicies.compile(policy("Root").check("run-as-root", Map.of()).build());

    assertThat(dangling.judgesAcrossInput(LifecycleStage.DEPLOY)).isTrue();
    assertThat(dangling.judgesAcrossInput(LifecycleStage.BUILD)).isFalse();
    assertThat(dangling.policies().getFirst().evaluatesEveryObject()).isTrue();
    assertThat(root.judgesAcrossInput(LifecycleStage.DEPLOY)).isFalse();
    assertThat(
            TestPolicies.compile(DANGLING.withDisabled(true))
                .judgesAcrossInput(LifecycleStage.DEPLOY))
        .isFalse();
  }
}
