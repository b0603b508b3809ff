package dev.bulwark.core.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which deployment each workload of a cluster belongs to, by the rules central's inventory and the
 * sensor share: a workload belongs to the top of its chain of controllers (a pod of a ReplicaSet of
 * a Deployment to the Deployment, a Job's pods to its CronJob); a workload without a controller, or
 * whose controller is no workload of the cluster (an operator's custom resource, which runs no
 * pods), is a deployment itself; a workload whose controller is of a built-in kind but missing
 * belongs to none while it is gone (a Deployment's ReplicaSet and pods are deleted after it, and
 * must not open alerts of their own meanwhile). A cycle of controllers makes no deployment.
 */
public final class TopLevelOwners {
  private static final Set<String> BUILT_IN_CONTROLLERS =
      Set.of(
          "Deployment",
          "StatefulSet",
          "ReplicaSet",
          "ReplicationController",
          "DaemonSet",
          "Job",
          "CronJob",
          "DeploymentConfig");

  private TopLevelOwners() {}

  /**
   * A workload's controller, as its {@code ownerReferences} name it (the one with {@code
   * controller: true}).
   *
   * @param uid the controller's uid, or null when there is none
   * @param kind the controller's kind, or null
   */
  public record Controller(@Nullable String uid, @Nullable String kind) {}

  /**
   * The top-level workload of each workload that has one, by uid.
   *
   * @param controllers every workload of the cluster (or of the namespaces considered), by uid
   */
  public static Map<String, String> of(Map<String, Controller> controllers) {
    Map<String, String> roots = new HashMap<>();
    controllers
        .keySet()
        .forEach(uid -> {
          String root = walk(uid, controllers);
          if (root != null) {
            roots.put(uid, root);
          }
        });
    return roots;
  }

  private static @Nullable String walk(String start, Map<String, Controller> controllers) {
    List<String> seen = new ArrayList<>();
    String current = start;
    while (true) {
      seen.add(current);
      Controller controller = controllers.get(current);
      if (controller == null || controller.uid() == null) {
        return current;
      }
      String owner = controller.uid();
      if (!controllers.containsKey(owner)) {
        String kind = controller.kind();
        return kind != null && BUILT_IN_CONTROLLERS.contains(kind) ? null : current;
      }
      if (seen.contains(owner)) {
        return current;
      }
      current = owner;
    }
  }
}
