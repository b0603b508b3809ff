package dev.bulwark.core.context;

/** A service account's effective permission level, lowest first (StackRox's order). */
public enum RbacLevel {
  DEFAULT,
  ELEVATED_IN_NAMESPACE,
  ELEVATED_CLUSTER_WIDE,
  CLUSTER_ADMIN
}
