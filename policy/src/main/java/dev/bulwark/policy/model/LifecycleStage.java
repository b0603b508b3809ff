package dev.bulwark.policy.model;

public enum LifecycleStage {
  BUILD,
  DEPLOY,
  RUNTIME
}
