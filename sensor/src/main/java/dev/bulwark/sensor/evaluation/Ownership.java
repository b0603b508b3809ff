package dev.bulwark.sensor.evaluation;

import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.sensor.inventory.ReportedObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which workloads are deployments, by the rules central applies (docs/central.md, "Deployments"): a
 * workload is top-level unless its controller is another workload of the cluster, so a pod of a
 * ReplicaSet of a Deployment belongs to the Deployment, a Job's to its CronJob, and a bare pod (or
 * one whose owner is not watched) is a deployment itself; one whose controller of a built-in kind
 * is missing belongs to none while it is gone. Owners that run no pods do not count. Immutable.
 */
final class Ownership {
  private final Map<String, ReportedObject> workloads;
  private final Map<String, String> roots = new HashMap<>();

  Ownership(List<ReportedObject> workloads) {
    Map<String, ReportedObject> byUid = new HashMap<>();
    workloads.forEach(object -> byUid.put(object.uid(), object));
    this.workloads = byUid;
    for (ReportedObject workload : workloads) {
      String root = walk(workload);
      if (root != null) {
        roots.put(workload.uid(), root);
      }
    }
  }

  /** The top-level workloads, by uid. */
  Map<String, ReportedObject> deployments() {
    Map<String, ReportedObject> deployments = new HashMap<>();
    workloads.forEach((uid, workload) -> {
      if (uid.equals(roots.get(uid))) {
        deployments.put(uid, workload);
      }
    });
    return deployments;
  }

  /** The deployment {@code uid} belongs to; null when {@code uid} is no known workload. */
  @Nullable String rootOf(String uid) {
    return roots.get(uid);
  }

  /** The deployments in the namespaces. */
  Set<String> deploymentsIn(Set<String> namespaces) {
    Set<String> found = new HashSet<>();
    workloads.forEach((uid, workload) -> {
      if (uid.equals(roots.get(uid)) && namespaces.contains(workload.namespace())) {
        found.add(uid);
      }
    });
    return found;
  }

  /**
   * Follows controllers while they are known workloads; a cycle stops where it closes. Null when
   * the chain ends at a missing controller of a built-in kind (a Deployment being deleted: its
   * ReplicaSet and pods go after it), as central decides.
   */
  private @Nullable String walk(ReportedObject start) {
    List<String> seen = new ArrayList<>();
    ReportedObject current = start;
    while (true) {
      seen.add(current.uid());
      String owner = current.ownerUid();
      ReportedObject next = owner == null ? null : workloads.get(owner);
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
