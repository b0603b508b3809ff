package dev.bulwark.central.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.engine.EvaluationInput;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Reads stored workloads back for evaluation: their objects, the context of their namespaces
 * (Services, Ingresses, Routes, NetworkPolicies, RBAC, the Namespace) and the cluster's RBAC, as
 * the inventory evaluates them. Shared by the inventory's evaluation and the policy dry run, so
 * both see a deployment alike. Stateless.
 */
final class StoredWorkloads {
  private static final String NAMESPACED_CONTEXT =
      "'Service', 'Ingress', 'Route', 'NetworkPolicy', 'ServiceAccount', 'Role', 'RoleBinding'";

  private StoredWorkloads() {}

  /** A stored workload read as policies see it. */
  record Read(String uid, ManifestObject object, Workload workload, WorkloadContext context) {
    /** What a policy evaluates for it. */
    EvaluationInput input(ImageDataProvider images, String cluster, Instant at) {
      return new EvaluationInput(object, workload, context, images, cluster, at);
    }
  }

  /**
   * Reads one stored object; empty when it is no longer read as a workload (only a change of the
   * reader does that, since it was stored as one).
   */
  static Optional<Read> read(ObjectNode json, ClusterContext context) {
    Optional<ManifestObject> object = InventoryObject.manifest(json);
    Optional<Workload> workload = object.flatMap(WorkloadExtractor::extract);
    if (object.isEmpty() || workload.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Read(
            json.path("metadata").path("uid").asText(),
            object.get(),
            workload.get(),
            context.contextOf(workload.get())));
  }

  static String clusterName(Handle handle, UUID cluster) {
    return handle
        .createQuery("SELECT name FROM clusters WHERE id = :cluster")
        .bind("cluster", cluster)
        .mapTo(String.class)
        .one();
  }

  /** The context of the namespaces: their Services, policies and RBAC, and the cluster's RBAC. */
  static ClusterContext context(Handle handle, UUID cluster, Set<String> namespaces) {
    ClusterContext.Builder builder = ClusterContext.builder();
    handle
        .createQuery(
            "SELECT object::text FROM inventory_objects WHERE cluster_id = :cluster AND ("
                + "kind IN ('ClusterRole', 'ClusterRoleBinding')"
                + " OR (kind = 'Namespace' AND name = ANY(CAST(:namespaces AS text[])))"
                + " OR (kind IN ("
                + NAMESPACED_CONTEXT
                + ") AND namespace = ANY(CAST(:namespaces AS text[]))))")
        .bind("cluster", cluster)
        .bindArray("namespaces", String.class, List.copyOf(namespaces))
        .mapTo(String.class)
        .forEach(
            json -> InventoryObject.manifest(DeploymentRefresh.tree(json)).ifPresent(builder::add));
    return builder.build();
  }

  /**
   * The digests the stored deployments' pods run, by deployment uid and container name, as the last
   * evaluation recorded them.
   */
  static Map<String, Map<String, Set<String>>> runningDigests(
      Handle handle, UUID cluster, List<String> uids) {
    Map<String, Map<String, Set<String>>> running = new HashMap<>();
    handle
        .createQuery(
            "SELECT d.uid, c->>'name' AS container, r.digest FROM deployments d,"
                + " jsonb_array_elements(d.containers) c,"
                + " jsonb_array_elements_text(c->'runningDigests') r (digest)"
                + " WHERE d.cluster_id = :cluster AND d.uid = ANY(CAST(:uids AS text[]))")
        .bind("cluster", cluster)
        .bindArray("uids", String.class, uids)
        .map((rows, context) -> {
          running
              .computeIfAbsent(rows.getString("uid"), uid -> new HashMap<>())
              .computeIfAbsent(rows.getString("container"), container -> new HashSet<>())
              .add(rows.getString("digest"));
          return rows.getString("uid");
        })
        .list();
    return running;
  }

  /** The stored objects with the uids, as JSON text (parsed where they are evaluated). */
  static List<String> objects(Handle handle, UUID cluster, List<String> uids) {
    return handle
        .createQuery(
            "SELECT object::text FROM inventory_objects WHERE cluster_id = :cluster"
                + " AND uid = ANY(CAST(:uids AS text[]))")
        .bind("cluster", cluster)
        .bindArray("uids", String.class, uids)
        .mapTo(String.class)
        .list();
  }
}
