package dev.bulwark.central.inventory;

import dev.bulwark.core.workload.WorkloadExtractor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which workloads are deployments: a workload is top-level unless its controller is another
 * workload of the cluster (a pod of a ReplicaSet of a Deployment belongs to the Deployment; a bare
 * pod is a deployment of its own). Owners that run no pods (an operator's custom resource) do not
 * count, or what they make would never be evaluated. A workload whose controller is of a built-in
 * kind but missing belongs to no deployment until its controller comes or it goes. Pods give their
 * running image digests to their top-level workload. Immutable.
 */
final class Ownership {
  /** A workload as the ownership needs it. */
  record Node(
      String uid,
      String namespace,
      @Nullable String ownerUid,
      @Nullable String ownerKind,
      Map<String, String> running) {}

  private final Map<String, Node> nodes;
  private final Map<String, String> roots = new HashMap<>();

  Ownership(List<Node> workloads) {
    Map<String, Node> byUid = new HashMap<>();
    workloads.forEach(node -> byUid.put(node.uid(), node));
    this.nodes = Map.copyOf(byUid);
    for (Node node : workloads) {
      String root = walk(node);
      if (root != null) {
        roots.put(node.uid(), root);
      }
    }
  }

  /** The uids of the top-level workloads. */
  Set<String> deployments() {
    Set<String> deployments = new HashSet<>();
    roots.forEach((uid, root) -> {
      if (uid.equals(root)) {
        deployments.add(uid);
      }
    });
    return deployments;
  }

  /** The top-level workload {@code uid} belongs to; null when {@code uid} is no known workload. */
  @Nullable String rootOf(String uid) {
    return roots.get(uid);
  }

  /** The namespace of a known workload. */
  String namespaceOf(String uid) {
    Node node = nodes.get(uid);
    if (node == null) {
      throw new IllegalArgumentException("no workload has the uid " + uid);
    }
    return node.namespace();
  }

  /** Container name to the digests its pods run, per deployment, in one pass over the workloads. */
  Map<String, Map<String, Set<String>>> runningDigests() {
    Map<String, Map<String, Set<String>>> all = new HashMap<>();
    for (Node node : nodes.values()) {
      String root = roots.get(node.uid());
      if (root == null) {
        continue;
      }
      node.running()
          .forEach((container, digest) ->
              all.computeIfAbsent(root, key -> new HashMap<>())
                  .computeIfAbsent(container, key -> new TreeSet<>())
                  .add(digest));
    }
    return all;
  }

  /**
   * Follows controllers while they are workloads of the cluster; a cycle stops at its start. Null
   * when the chain ends at a missing controller of a built-in kind: the workload is being deleted
   * with it (a Deployment's ReplicaSet and pods go after it), or its owner is not reported yet, so
   * it is no deployment of its own — counting it would open an alert for every pod of every deleted
   * Deployment.
   */
  private @Nullable String walk(Node start) {
    List<String> seen = new ArrayList<>();
    Node current = start;
    while (true) {
      seen.add(current.uid());
      String owner = current.ownerUid();
      Node next = owner == null ? null : nodes.get(owner);
      if (next == null) {
        return owner != null && WorkloadExtractor.isBuiltInController(current.ownerKind())
            ? null
            : current.uid();
      }
      if (seen.contains(next.uid())) {
        return current.uid();
      }
      current = next;
    }
  }
}
