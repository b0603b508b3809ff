package dev.bulwark.core.context;

/**
 * A service account's effective permission level, lowest first (StackRox's order), from the
 * bindings of the input. A permission is elevated when it allows a verb other than get, list and
 * watch, or any access to Secrets (wildcards included).
 */
public enum RbacLevel {
  /** No binding grants an elevated permission. */
  DEFAULT,
  /** A RoleBinding grants an elevated permission (also when it binds {@code cluster-admin}). */
  ELEVATED_IN_NAMESPACE,
  /** A ClusterRoleBinding grants an elevated permission. */
  ELEVATED_CLUSTER_WIDE,
  /**
   * A ClusterRoleBinding binds {@code cluster-admin} or a ClusterRole allowing every verb on every
   * resource of every API group.
   */
  CLUSTER_ADMIN
}
