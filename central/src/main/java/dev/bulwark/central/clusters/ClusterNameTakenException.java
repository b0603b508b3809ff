package dev.bulwark.central.clusters;

/** Another cluster has the name. */
public final class ClusterNameTakenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterNameTakenException(String name) {
    super("a cluster named '" + name + "' is registered already; choose another name");
  }
}
