package dev.bulwark.sensor.enforcement;

import static dev.bulwark.policy.model.EnforcementAction.FAIL_DEPLOYMENT_CREATE_ENFORCEMENT;
import static dev.bulwark.policy.model.EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT;
import static dev.bulwark.policy.model.EnforcementAction.UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.sensor.enforcement.PlannedAction.Operation;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnforcementPlannerTest {
  private static DeploymentRef ref(String apiVersion, String kind) {
    return new DeploymentRef(apiVersion, kind, "shop", "web", "uid-1");
  }

  private static List<Operation> operations(
      String apiVersion, String kind, EnforcementAction... actions) {
    return EnforcementPlanner.plan(ref(apiVersion, kind), List.of(actions)).stream()
        .map(PlannedAction::operation)
        .toList();
  }

  @ParameterizedTest
  @CsvSource({
    "apps/v1, Deployment, SCALE_TO_ZERO",
    "apps/v1, StatefulSet, SCALE_TO_ZERO",
    "apps/v1, ReplicaSet, SCALE_TO_ZERO",
    "v1, ReplicationController, SCALE_TO_ZERO",
    "apps.openshift.io/v1, DeploymentConfig, SCALE_TO_ZERO",
    "batch/v1, CronJob, SUSPEND",
    "apps/v1, DaemonSet, NOT_APPLICABLE",
    "batch/v1, Job, NOT_APPLICABLE",
    "v1, Pod, NOT_APPLICABLE",
    "example.com/v1, Rollout, NOT_APPLICABLE",
  })
  void scaleToZeroMeansWhatTheKindCanDo(String apiVersion, String kind, Operation expected) {
    assertThat(operations(apiVersion, kind, SCALE_TO_ZERO_ENFORCEMENT)).containsExactly(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "apps/v1, Deployment, NODE_CONSTRAINT",
    "apps/v1, DaemonSet, NODE_CONSTRAINT",
    "batch/v1, CronJob, NODE_CONSTRAINT",
    "v1, ReplicationController, NODE_CONSTRAINT",
    "batch/v1, Job, NOT_APPLICABLE",
    "v1, Pod, NOT_APPLICABLE",
  })
  void nodeConstraintNeedsAPodTemplateThatMayChange(
      String apiVersion, String kind, Operation expected) {
    assertThat(operations(apiVersion, kind, UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT))
        .containsExactly(expected);
  }

  @Test
  void aDaemonSetIsStoppedByTheNodeConstraintWhenThePolicyAlsoAsksForIt() {
    assertThat(
            operations(
                "apps/v1",
                "DaemonSet",
                SCALE_TO_ZERO_ENFORCEMENT,
                UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT))
        .containsExactly(Operation.NODE_CONSTRAINT);
  }

  @Test
  void aNotApplicableActionSaysWhatToDoInstead() {
    PlannedAction planned =
        EnforcementPlanner.plan(ref("apps/v1", "DaemonSet"), List.of(SCALE_TO_ZERO_ENFORCEMENT))
            .get(0);
    assertThat(planned.reason()).contains("UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT");
  }

  @Test
  void admissionActionsAreNotTheSensors() {
    assertThat(operations("apps/v1", "Deployment", FAIL_DEPLOYMENT_CREATE_ENFORCEMENT)).isEmpty();
  }

  @Test
  void aKindIsMatchedByItsApiGroupToo() {
    assertThat(operations("example.com/v1", "Deployment", SCALE_TO_ZERO_ENFORCEMENT))
        .containsExactly(Operation.NOT_APPLICABLE);
  }
}
