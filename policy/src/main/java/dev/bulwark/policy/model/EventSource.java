package dev.bulwark.policy.model;

public enum EventSource {
  NOT_APPLICABLE,
  DEPLOYMENT_EVENT,
  AUDIT_LOG_EVENT,
  NODE_EVENT
}
