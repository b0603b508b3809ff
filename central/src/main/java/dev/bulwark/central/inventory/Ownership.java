package dev.bulwark.central.inventory;

import dev.bulwark.core.workload.TopLevelOwners;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which workloads are deployments, by core's {@link TopLevelOwners} rules (shared with the sensor).
 * Pods give their running image digests to their top-level workload. Immutable.
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
  private final Map<String, String> roots;

  Ownership(List<Node> workloads) {
    Map<String, Node> byUid = new HashMap<>();
    Map<String, TopLevelOwners.Controller> controllers = new HashMap<>();
    workloads.forEach(node -> {
      byUid.put(node.uid(), node);
      controllers.put(node.uid(), new TopLevelOwners.Controller(node.ownerUid(), node.ownerKind()));
    });
    this.nodes = Map.copyOf(byUid);
    this.roots = Map.copyOf(TopLevelOwners.of(controllers));
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
}
