package dev.bulwark.sensor.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.sensor.enforcement.PlannedAction.Operation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnforcementPatchesTest {
  private static final Instant AT = Instant.parse("2030-01-02T03:04:05Z");

  private static GenericKubernetesResource workload(String yaml) {
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static final GenericKubernetesResource DEPLOYMENT =
      workload(
          """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web, namespace: shop, resourceVersion: "42", generation: 3}
          spec:
            replicas: 3
            template:
              spec:
                nodeSelector: {disk: ssd}
          """);

  @Test
  void scalingToZeroKeepsTheOriginalCountAndTheResourceVersion() {
    Map<String, Object> patch =
        EnforcementPatches.patch(
            Operation.SCALE_TO_ZERO,
            WorkloadKind.DEPLOYMENT,
            DEPLOYMENT,
            "p1",
            "SCALE_TO_ZERO_ENFORCEMENT",
            AT);
    assertThat(patch)
        .isEqualTo(
            Map.of(
                "metadata",
                Map.of(
                    "resourceVersion",
                    "42",
                    "annotations",
                    Map.of(
                        "bulwark.dev/enforced-by", "p1",
                        "bulwark.dev/enforcement-action", "SCALE_TO_ZERO_ENFORCEMENT",
                        "bulwark.dev/enforced-at", "2030-01-02T03:04:05Z",
                        "bulwark.dev/original-replicas", "3")),
                "spec",
                Map.of("replicas", 0)));
    assertThat(
            EnforcementPatches.describe(
                Operation.SCALE_TO_ZERO, WorkloadKind.DEPLOYMENT, DEPLOYMENT, "p1"))
        .isEqualTo("scaled Deployment web from 3 to 0 replicas");
  }

  @Test
  void aCronJobsNodeSelectorIsInItsJobTemplate() {
    GenericKubernetesResource cronJob =
        workload(
            """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec: {schedule: "@daily"}
            """);
    Map<String, Object> patch =
        EnforcementPatches.patch(
            Operation.NODE_CONSTRAINT, WorkloadKind.CRON_JOB, cronJob, "p1", "X", AT);
    assertThat(patch.get("spec"))
        .isEqualTo(
            Map.of(
                "jobTemplate",
                Map.of(
                    "spec",
                    Map.of(
                        "template",
                        Map.of(
                            "spec",
                            Map.of("nodeSelector", Map.of("bulwark.dev/enforcement", "p1")))))));
  }

  @Test
  void whatIsInForceAlreadyIsSeen() {
    GenericKubernetesResource stopped =
        workload(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              template:
                spec:
                  nodeSelector: {bulwark.dev/enforcement: p1}
            """);
    assertThat(
            EnforcementPatches.inForce(
                Operation.NODE_CONSTRAINT, WorkloadKind.DAEMON_SET, stopped, "p1"))
        .isTrue();
    assertThat(
            EnforcementPatches.inForce(
                Operation.NODE_CONSTRAINT, WorkloadKind.DAEMON_SET, stopped, "p2"))
        .isFalse();
    assertThat(
            EnforcementPatches.inForce(
                Operation.SCALE_TO_ZERO, WorkloadKind.DEPLOYMENT, DEPLOYMENT, "p1"))
        .isFalse();
  }

  @Test
  void replicasDefaultToOne() {
    GenericKubernetesResource noReplicas =
        workload(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: a}
            spec: {}
            """);
    assertThat(EnforcementPatches.replicas(noReplicas)).isEqualTo(1);
  }
}
