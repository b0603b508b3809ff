package dev.bulwark.sensor.evaluation;

import dev.bulwark.core.workload.TopLevelOwners;
import dev.bulwark.sensor.inventory.ReportedObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which workloads are deployments, by core's {@link TopLevelOwners} rules, which central's
 * inventory applies too. Immutable.
 */
final class Ownership {
  private final Map<String, ReportedObject> workloads;
  private final Map<String, String> roots;

  Ownership(List<ReportedObject> workloads) {
    Map<String, ReportedObject> byUid = new HashMap<>();
    workloads.forEach(object -> byUid.put(object.uid(), object));
    this.workloads = byUid;
    Map<String, TopLevelOwners.Controller> controllers = new HashMap<>();
    workloads.forEach(workload ->
        controllers.put(
            workload.uid(),
            new TopLevelOwners.Controller(workload.ownerUid(), workload.ownerKind())));
    this.roots = Map.copyOf(TopLevelOwners.of(controllers));
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
}
