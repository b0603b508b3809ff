package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestPolicies.group;
import static dev.bulwark.policy.engine.TestPolicies.policy;
import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import org.junit.jupiter.api.Test;

/** Where violations point and what their messages say (and never say). */
class ViolationTest {
  private static final ManifestObject DEPLOYMENT =
      TestYaml.object(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: prod
          spec:
            template:
              spec:
                containers:
                  - name: app
                    image: nginx:1.27
                    securityContext:
                      privileged: true
                    env:
                      - name: DB_PASSWORD
                        value: hunter2
          """);
  private static final Workload WEB =
      workload()
          .object(DEPLOYMENT)
          .container(
              container("app")
                  .image("nginx:1.27")
                  .privileged(true)
                  .env("DB_PASSWORD", "hunter2", EnvVar.Source.RAW))
          .build();

  @Test
  void privilegedViolationPointsAtThePrivilegedLine() {
    Violation violation = onlyViolation(group("Privileged Container", "true"));

    assertThat(violation.path())
        .hasToString("spec.template.spec.containers[0].securityContext.privileged");
    assertThat(violation.location()).isEqualTo(new Location("test.yaml", 13, 13));
  }

  @Test
  void aMissingFieldPointsAtItsClosestWrittenParent() {
    Violation violation = onlyViolation(group("Container CPU Request", "0"));

    assertThat(violation.message()).isEqualTo("Container \"app\" has no CPU request");
    assertThat(violation.path())
        .hasToString("spec.template.spec.containers[0].resources.requests.cpu");
    assertThat(violation.location().line()).isEqualTo(10);
  }

  @Test
  void podSpecFieldsPointAtThePodSpec() {
    Violation violation = onlyViolation(group("Host Network", "false"));

    assertThat(violation.path()).hasToString("spec.template.spec.hostNetwork");
    assertThat(violation.location().line()).isEqualTo(8);
  }

  @Test
  void criteriaWithoutAFieldPointAtTheObject() {
    Violation violation = onlyViolation(group("Has Ingress Network Policy", "false"));

    assertThat(violation.path()).isEqualTo(FieldPath.ROOT);
    assertThat(violation.location().line()).isEqualTo(1);
  }

  @Test
  void theMostSpecificPathWinsAndMessagesAreJoined() {
    Policy policy =
        policy("Privileged with secret")
            .section(
                group("Namespace", "prod"),
                group("Privileged Container", "true"),
                group("Environment Variable", "RAW=.*PASSWORD.*="))
            .build();

    Violation violation = onlyViolation(policy);

    assertThat(violation.path()).hasToString("spec.template.spec.containers[0].env[0]");
    assertThat(violation.location().line()).isEqualTo(15);
    assertThat(violation.message())
        .isEqualTo(
            "Environment variable \"DB_PASSWORD\" in container \"app\" is set to a raw value"
                + " matching the policy; Container \"app\" is privileged; Deployment is in"
                + " namespace \"prod\"");
  }

  @Test
  void messagesNeverContainARawEnvironmentValue() {
    Violation violation = onlyViolation(group("Environment Variable", "RAW=DB_.*=hunter.*"));

    assertThat(violation.message()).doesNotContain("hunter");
  }

  @Test
  void violationsAreNotWaivedWithoutAWaiver() {
    assertThat(onlyViolation(group("Privileged Container", "true")).waived()).isFalse();
  }

  private static Violation onlyViolation(PolicyGroup group) {
    return onlyViolation(policy("Under test").section(group).build());
  }

  private static Violation onlyViolation(Policy policy) {
    var outcomes = TestPolicies.compile(policy).evaluate(input(WEB), LifecycleStage.DEPLOY);
    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).violations()).hasSize(1);
    return outcomes.get(0).violations().get(0);
  }
}
