package dev.bulwark.core.workload;

/** Where a container is declared in the pod spec. */
public enum ContainerType {
  INIT,
  REGULAR,
  EPHEMERAL
}
