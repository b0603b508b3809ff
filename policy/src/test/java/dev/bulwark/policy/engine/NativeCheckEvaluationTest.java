package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Native checks run like one more OR'ed section: per container (under the container-type filter) or
 * per object (workloads and other objects alike), with the same waivers, and point at the line that
 * decides the finding.
 */
class NativeCheckEvaluationTest {
  private static final ManifestObject POD_LEVEL_ROOT =
      TestYaml.object(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
          spec:
            template:
              spec:
                securityContext:
                  runAsUser: 0
                initContainers:
                  - name: setup
                    image: busybox:1.36
                containers:
                  - name: app
                    image: registry.example.com/web:1.0
                    securityContext:
                      runAsNonRoot: true
          """);

  private static final ManifestObject OLD_CRONJOB =
      TestYaml.object(
          """
          apiVersion: batch/v1beta1
          kind: CronJob
          metadata:
            name: report
            annotations:
              ignore-check.bulwark.dev/removed-api: migrating in PLAT-12
          spec:
            schedule: "@daily"
            jobTemplate:
              spec:
                template:
                  spec:
                    containers:
                      - name: report
                        image: registry.example.com/report:1.0
          """);

  @Test
  void containerChecksPointAtTheInheritedPodLevelValue() {
    Policy policy = policy("Root").check("run-as-root", Map.of()).build();

    List<Violation> violations = violations(policy, POD_LEVEL_ROOT);

    assertThat(violations)
        .singleElement()
        .satisfies(violation -> {
          assertThat(violation.message())
              .isEqualTo("Container \"setup\" runs as root: runAsUser is 0");
          assertThat(violation.path().toString())
              .isEqualTo("spec.template.spec.securityContext.runAsUser");
          assertThat(violation.location().line()).isEqualTo(9);
        });
  }

  @Test
  void containerChecksHonourTheContainerTypeFilter() {
    Policy policy = policy("Root").check("run-as-root", Map.of()).skip("INIT").build();

    assertThat(violations(policy, POD_LEVEL_ROOT)).isEmpty();
  }

  @Test
  void objectChecksReadObjectsThatRunNoPods() {
    ManifestObject budget =
        TestYaml.object(
            """
            apiVersion: policy/v1beta1
            kind: PodSecurityPolicy
            metadata:
              name: restricted
            """);
    Policy policy = policy("Removed").check("removed-api-version", Map.of()).build();

    assertThat(violations(policy, budget))
        .singleElement()
        .satisfies(violation -> {
          assertThat(violation.message())
              .startsWith(
                  "PodSecurityPolicy uses API version \"policy/v1beta1\", which Kubernetes"
                      + " stopped serving in 1.25; the kind has no successor");
          assertThat(violation.location().line()).isEqualTo(1);
        });
    assertThat(TestPolicies.compile(policy).policies().getFirst().evaluatesEveryObject()).isTrue();
    assertThat(
            TestPolicies.compile(policy("Root").check("run-as-root", Map.of()).build())
                .policies()
                .getFirst()
                .evaluatesEveryObject())
        .isFalse();
  }

  @Test
  void kindSpecificRemovalsWinOverTheGroupVersion() {
    Policy policy = policy("Removed").check("removed-api-version", Map.of()).build();

    assertThat(messages(policy, object("extensions/v1beta1", "Deployment")))
        .containsExactly(
            "Deployment uses API version \"extensions/v1beta1\", which Kubernetes stopped serving"
                + " in 1.16; move it to apps/v1");
    assertThat(messages(policy, object("extensions/v1beta1", "Ingress")))
        .containsExactly(
            "Ingress uses API version \"extensions/v1beta1\", which Kubernetes stopped serving"
                + " in 1.22; move it to networking.k8s.io/v1");
    assertThat(messages(policy, object("storage.k8s.io/v1beta1", "CSIStorageCapacity")))
        .singleElement(STRING)
        .contains("1.27");
    assertThat(messages(policy, object("storage.k8s.io/v1", "StorageClass"))).isEmpty();
  }

  @Test
  void theTargetVersionLimitsWhichRemovalsCount() {
    Policy before = policy("Removed").check("removed-api-version", kubernetes("1.24")).build();
    Policy after = policy("Removed").check("removed-api-version", kubernetes("v1.25.3")).build();

    assertThat(violations(before, OLD_CRONJOB)).isEmpty();
    assertThat(violations(after, OLD_CRONJOB)).hasSize(1);
  }

  @Test
  void checkViolationsAreWaivedByAnnotation() {
    Policy policy =
        policy("Removed API").id("removed-api").check("removed-api-version", Map.of()).build();

    Violation violation = violations(policy, OLD_CRONJOB).getFirst();

    assertThat(violation.waiver())
        .extracting(Waiver::kind, Waiver::reason)
        .containsExactly(Waiver.Kind.ANNOTATION, "migrating in PLAT-12");
  }

  @Test
  void policiesBuiltInCodeWithUnknownChecksOrBadParametersDoNotCompile() {
    Policy unknown = policy("Unknown").check("run-as-rooot", Map.of()).build();
    Policy badVersion =
        policy("Bad version").check("removed-api-version", kubernetes("latest")).build();

    InvalidPolicyException error =
        catchThrowableOfType(
            InvalidPolicyException.class,
            () -> PolicyCompiler.compile(List.of(unknown, badVersion), List.of()));

    assertThat(error.problems())
        .extracting(InvalidPolicyException.Problem::field, InvalidPolicyException.Problem::reason)
        .containsExactlyInAnyOrder(
            tuple("checks[0].check", "no native check is called \"run-as-rooot\""),
            tuple(
                "checks[0].parameters.kubernetesVersion",
                "expected a Kubernetes version such as 1.29, found \"latest\""));
  }

  private static Map<String, String> kubernetes(String version) {
    return Map.of("kubernetesVersion", version);
  }

  private static ManifestObject object(String apiVersion, String kind) {
    return TestYaml.object(
        "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: subject\n");
  }

  private static List<String> messages(Policy policy, ManifestObject object) {
    return violations(policy, object).stream().map(Violation::message).toList();
  }

  private static List<Violation> violations(Policy policy, ManifestObject object) {
    Workload workload = WorkloadExtractor.extract(object).orElse(null);
    EvaluationInput input =
        new EvaluationInput(
            object, workload, null, ImageDataProvider.NONE, TestWorkloads.CLUSTER, NOW);
    return TestPolicies.compile(policy).evaluate(input, LifecycleStage.DEPLOY).stream()
        .flatMap(outcome -> outcome.violations().stream())
        .toList();
  }
}
