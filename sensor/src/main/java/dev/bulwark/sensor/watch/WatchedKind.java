package dev.bulwark.sensor.watch;

import java.util.List;

/**
 * A kind of object the sensor watches.
 *
 * @param apiVersion such as {@code apps/v1}
 * @param kind such as {@code Deployment}
 */
public record WatchedKind(String apiVersion, String kind) {
  /** OpenShift's Routes, watched when the API server serves them. */
  public static final WatchedKind ROUTE = new WatchedKind("route.openshift.io/v1", "Route");

  /** Every kind of a plain Kubernetes cluster the sensor watches, in the order they start. */
  public static final List<WatchedKind> BUILT_IN =
      List.of(
          new WatchedKind("v1", "Namespace"),
          new WatchedKind("v1", "Node"),
          new WatchedKind("v1", "ServiceAccount"),
          new WatchedKind("rbac.authorization.k8s.io/v1", "ClusterRole"),
          new WatchedKind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
          new WatchedKind("rbac.authorization.k8s.io/v1", "Role"),
          new WatchedKind("rbac.authorization.k8s.io/v1", "RoleBinding"),
          new WatchedKind("v1", "Service"),
          new WatchedKind("networking.k8s.io/v1", "Ingress"),
          new WatchedKind("networking.k8s.io/v1", "NetworkPolicy"),
          new WatchedKind("v1", "Secret"),
          new WatchedKind("apps/v1", "Deployment"),
          new WatchedKind("apps/v1", "ReplicaSet"),
          new WatchedKind("apps/v1", "StatefulSet"),
          new WatchedKind("apps/v1", "DaemonSet"),
          new WatchedKind("batch/v1", "Job"),
          new WatchedKind("batch/v1", "CronJob"),
          new WatchedKind("v1", "ReplicationController"),
          new WatchedKind("v1", "Pod"));

  @Override
  public String toString() {
    return apiVersion + "/" + kind;
  }
}
