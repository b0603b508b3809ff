package dev.bulwark.policy.model;

/** StackRox's enforcement actions, with the lifecycle stage each belongs to. */
public enum EnforcementAction {
  UNSET_ENFORCEMENT(null),
  SCALE_TO_ZERO_ENFORCEMENT(LifecycleStage.DEPLOY),
  UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT(LifecycleStage.DEPLOY),
  KILL_POD_ENFORCEMENT(LifecycleStage.RUNTIME),
  FAIL_BUILD_ENFORCEMENT(LifecycleStage.BUILD),
  FAIL_KUBE_REQUEST_ENFORCEMENT(LifecycleStage.RUNTIME),
  FAIL_DEPLOYMENT_CREATE_ENFORCEMENT(LifecycleStage.DEPLOY),
  FAIL_DEPLOYMENT_UPDATE_ENFORCEMENT(LifecycleStage.DEPLOY);

  private final @org.jspecify.annotations.Nullable LifecycleStage stage;

  EnforcementAction(@org.jspecify.annotations.Nullable LifecycleStage stage) {
    this.stage = stage;
  }

  public @org.jspecify.annotations.Nullable LifecycleStage stage() {
    return stage;
  }
}
