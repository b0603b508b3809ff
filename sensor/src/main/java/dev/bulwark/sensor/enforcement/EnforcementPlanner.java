package dev.bulwark.sensor.enforcement;

import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.sensor.enforcement.PlannedAction.Operation;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what each deploy-time enforcement action means for a kind of workload. Like StackRox, a
 * DaemonSet (which has no replica count) is stopped by the node constraint when its policy also
 * asks for one. Stateless.
 */
final class EnforcementPlanner {
  private EnforcementPlanner() {}

  /** The actions to take on {@code deployment} for {@code actions}, in the policy's order. */
  static List<PlannedAction> plan(DeploymentRef deployment, List<EnforcementAction> actions) {
    Optional<WorkloadKind> kind = WorkloadKind.of(deployment);
    List<PlannedAction> planned = new ArrayList<>();
    for (EnforcementAction action : actions) {
      switch (action) {
        case SCALE_TO_ZERO_ENFORCEMENT -> {
          boolean nodeConstraintToo =
              actions.contains(EnforcementAction.UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT);
          scale(deployment, kind, nodeConstraintToo).ifPresent(planned::add);
        }
        case UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT ->
            planned.add(nodeConstraint(deployment, kind));
        default -> {
          // Not a deploy-time action on a workload: admission and runtime handle the others.
        }
      }
    }
    return List.copyOf(planned);
  }

  private static Optional<PlannedAction> scale(
      DeploymentRef deployment, Optional<WorkloadKind> kind, boolean nodeConstraintToo) {
    EnforcementAction action = EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT;
    if (kind.isEmpty()) {
      return Optional.of(PlannedAction.notApplicable(action, unsupported(deployment)));
    }
    return switch (kind.get().capability()) {
      case SCALE -> Optional.of(PlannedAction.of(action, Operation.SCALE_TO_ZERO));
      case SUSPEND -> Optional.of(PlannedAction.of(action, Operation.SUSPEND));
      case NONE -> scaleless(kind.get(), nodeConstraintToo);
    };
  }

  private static Optional<PlannedAction> scaleless(WorkloadKind kind, boolean nodeConstraintToo) {
    EnforcementAction action = EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT;
    return switch (kind) {
      case DAEMON_SET ->
          nodeConstraintToo
              ? Optional.empty()
              : Optional.of(
                  PlannedAction.notApplicable(
                      action,
                      "a DaemonSet has no replica count to scale; add"
                          + " UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT to the policy to stop its"
                          + " pods"));
      case JOB ->
          Optional.of(
              PlannedAction.notApplicable(
                  action,
                  "a Job has no replica count to scale; delete it or deny it at admission"));
      default ->
          Optional.of(
              PlannedAction.notApplicable(
                  action,
                  "a bare pod has no controller to scale; delete it or deny it at admission"));
    };
  }

  private static PlannedAction nodeConstraint(
      DeploymentRef deployment, Optional<WorkloadKind> kind) {
    EnforcementAction action = EnforcementAction.UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT;
    if (kind.isEmpty()) {
      return PlannedAction.notApplicable(action, unsupported(deployment));
    }
    if (kind.get().hasMutablePodTemplate()) {
      return PlannedAction.of(action, Operation.NODE_CONSTRAINT);
    }
    return PlannedAction.notApplicable(
        action,
        "the node selector of a "
            + kind.get().kind()
            + " cannot change after it is created; delete it or deny it at admission");
  }

  private static String unsupported(DeploymentRef deployment) {
    return "Bulwark does not enforce on "
        + deployment.kind()
        + " ("
        + deployment.apiVersion()
        + "); deny it at admission instead";
  }
}
