package dev.bulwark.central.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertReconciler;
import dev.bulwark.central.alerts.AlertSubject;
import dev.bulwark.central.alerts.DetectedViolation;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.policies.ActivePolicies;
import dev.bulwark.central.risk.Risk;
import dev.bulwark.central.risk.RiskInput;
import dev.bulwark.central.risk.RiskScorer;
import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.engine.Violation;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Brings a cluster's deployments and namespaces up to date with its objects, within the scope a
 * change affects, and evaluates the deployments the change may have changed the verdict on: their
 * alerts are reconciled and their risk (docs/risk.md) stored in the same transaction. Thread-safe
 * (stateless but for the policy set); callers hold the cluster's inventory lock.
 */
final class DeploymentRefresh {
  private final ActivePolicies policies;
  private final AlertReconciler alerts;

  DeploymentRefresh(ActivePolicies policies, AlertReconciler alerts) {
    this.policies = policies;
    this.alerts = alerts;
  }

  /**
   * What a change affects.
   *
   * @param everything the whole cluster (a resync, a ClusterRole change, reprocessing)
   * @param namespaces namespaces whose deployments may have changed
   * @param contextNamespaces namespaces whose every deployment is evaluated again (a Service,
   *     NetworkPolicy, RBAC object or the Namespace itself changed)
   * @param touched uids of workloads that changed, or whose pods changed
   */
  record Scope(
      boolean everything,
      Set<String> namespaces,
      Set<String> contextNamespaces,
      Set<String> touched) {
    Scope {
      namespaces = Set.copyOf(namespaces);
      contextNamespaces = Set.copyOf(contextNamespaces);
      touched = Set.copyOf(touched);
    }

    static Scope all() {
      return new Scope(true, Set.of(), Set.of(), Set.of());
    }

    boolean isEmpty() {
      return !everything && namespaces.isEmpty();
    }
  }

  /** A deployment as stored before the refresh. */
  private record Stored(
      UUID id,
      String uid,
      String namespace,
      String kind,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations) {}

  /** A deployment just evaluated, to be written. */
  private record Evaluated(DeploymentRow row, List<DetectedViolation> violations, Risk risk) {}

  /**
   * Refreshes and evaluates.
   *
   * @return the policy fingerprint the evaluations used
   */
  String refresh(Handle handle, UUID cluster, Scope scope, Instant at) {
    ActivePolicies.Current current = policies.current(handle);
    if (scope.isEmpty()) {
      return current.fingerprint();
    }
    syncNamespaces(handle, cluster, scope);
    Ownership ownership = new Ownership(workloads(handle, cluster, scope));
    Map<String, Stored> stored = stored(handle, cluster, scope);
    Set<String> deployments = ownership.deployments();
    List<Stored> removed = new ArrayList<>();
    stored.forEach((uid, deployment) -> {
      if (!deployments.contains(uid)) {
        removed.add(deployment);
      }
    });
    Set<String> touchedRoots = new HashSet<>();
    for (String uid : scope.touched()) {
      String root = ownership.rootOf(uid);
      if (root != null) {
        touchedRoots.add(root);
      }
    }
    List<String> evaluate = new ArrayList<>();
    for (String uid : deployments) {
      if (scope.everything()
          || !stored.containsKey(uid)
          || touchedRoots.contains(uid)
          || scope.contextNamespaces().contains(ownership.namespaceOf(uid))) {
        evaluate.add(uid);
      }
    }
    Set<UUID> unusedImages = new HashSet<>();
    Map<String, Map<String, String>> namespaceAnnotations =
        namespaceAnnotations(handle, cluster, removed, evaluate, ownership);
    remove(handle, cluster, removed, namespaceAnnotations, unusedImages, at);
    if (!evaluate.isEmpty()) {
      List<Evaluated> evaluated =
          evaluate(handle, cluster, evaluate, ownership, current.policies(), at);
      Map<String, UUID> ids = DeploymentRow.upsert(handle, cluster, rows(evaluated), at);
      unusedImages.addAll(ImageLinks.replace(handle, ids, rows(evaluated)));
      Map<UUID, Risk> risks = new HashMap<>();
      evaluated.forEach(each -> risks.put(ids.get(each.row().uid()), each.risk()));
      DeploymentRisks.write(handle, risks);
      List<AlertReconciler.Evaluation> evaluations = new ArrayList<>(evaluated.size());
      for (Evaluated each : evaluated) {
        DeploymentRow row = each.row();
        evaluations.add(
            new AlertReconciler.Evaluation(
                row.subject(cluster, namespaceAnnotations.getOrDefault(row.namespace(), Map.of())),
                each.violations()));
      }
      alerts.evaluatedAll(handle, evaluations, at);
    }
    ImageLinks.deleteUnused(handle, unusedImages);
    return current.fingerprint();
  }

  private static List<DeploymentRow> rows(List<Evaluated> evaluated) {
    return evaluated.stream().map(Evaluated::row).toList();
  }

  private void remove(
      Handle handle,
      UUID cluster,
      List<Stored> removed,
      Map<String, Map<String, String>> namespaceAnnotations,
      Set<UUID> unusedImages,
      Instant at) {
    if (removed.isEmpty()) {
      return;
    }
    List<UUID> ids = removed.stream().map(Stored::id).toList();
    unusedImages.addAll(ImageLinks.unlink(handle, ids));
    handle
        .createUpdate("DELETE FROM deployments WHERE id = ANY(CAST(:ids AS uuid[]))")
        .bindArray("ids", String.class, ids.stream().map(UUID::toString).toList())
        .execute();
    for (Stored deployment : removed) {
      alerts.removed(
          handle,
          new AlertSubject(
              cluster,
              deployment.uid(),
              deployment.namespace(),
              deployment.kind(),
              deployment.name(),
              deployment.labels(),
              deployment.annotations(),
              namespaceAnnotations.getOrDefault(deployment.namespace(), Map.of())),
          at);
    }
  }

  private List<Evaluated> evaluate(
      Handle handle,
      UUID cluster,
      List<String> uids,
      Ownership ownership,
      CompiledPolicySet compiled,
      Instant at) {
    String clusterName = StoredWorkloads.clusterName(handle, cluster);
    Set<String> namespaces = new HashSet<>();
    uids.forEach(uid -> namespaces.add(ownership.namespaceOf(uid)));
    ClusterContext context = StoredWorkloads.context(handle, cluster, namespaces);
    Map<String, Map<String, Set<String>>> running = ownership.runningDigests();
    // Evaluation is pure and the context and policies are immutable: deployments are read and
    // evaluated in parallel, and only the reads and writes of the database stay on this
    // transaction's thread.
    List<StoredWorkloads.Read> reads =
        StoredWorkloads.objects(handle, cluster, uids).parallelStream()
            .map(json -> StoredWorkloads.read(tree(json), context))
            .flatMap(Optional::stream)
            .toList();
    ScannedImages images = ScannedImages.load(handle, reads, running);
    return reads.parallelStream()
        .map(read ->
            evaluate(
                read,
                ownership,
                images.provider(read, running),
                running,
                compiled,
                clusterName,
                at))
        .toList();
  }

  private static Evaluated evaluate(
      StoredWorkloads.Read read,
      Ownership ownership,
      ImageDataProvider images,
      Map<String, Map<String, Set<String>>> running,
      CompiledPolicySet compiled,
      String clusterName,
      Instant at) {
    Workload workload = read.workload();
    WorkloadContext workloadContext = read.context();
    String uid = read.uid();
    EvaluationInput input = read.input(images, clusterName, at);
    List<DetectedViolation> violations =
        violations(compiled.evaluate(input, LifecycleStage.DEPLOY));
    // One active deploy-stage alert per violated policy: the risk counts what the alerts will be
    // once this evaluation is reconciled.
    Risk risk =
        RiskScorer.score(
            new RiskInput(
                workload,
                workloadContext,
                violations.stream().map(DetectedViolation::severity).toList(),
                DeploymentRisks.images(workload, input.images()),
                at));
    return new Evaluated(
        DeploymentRow.of(
            uid,
            ownership.namespaceOf(uid),
            workload,
            workloadContext,
            running.getOrDefault(uid, Map.of())),
        violations,
        risk);
  }

  /** The violated policies, leaving out violations an annotation or an exception waives. */
  static List<DetectedViolation> violations(List<PolicyOutcome> outcomes) {
    List<DetectedViolation> violations = new ArrayList<>();
    for (PolicyOutcome outcome : outcomes) {
      List<String> messages = outcome.unwaived().stream().map(Violation::message).toList();
      if (messages.isEmpty()) {
        continue;
      }
      Policy policy = outcome.policy().policy();
      violations.add(
          new DetectedViolation(
              policy.id(),
              policy.name(),
              policy.severity(),
              LifecycleStage.DEPLOY,
              messages,
              policy.enforcementActions().stream()
                  .filter(action -> action.stage() == LifecycleStage.DEPLOY)
                  .toList()));
    }
    return violations;
  }

  /** The namespaces table follows the cluster's Namespace objects. */
  private static void syncNamespaces(Handle handle, UUID cluster, Scope scope) {
    String within = scope.everything() ? "" : " AND name = ANY(CAST(:namespaces AS text[]))";
    bindScope(
            handle.createUpdate(
                "INSERT INTO namespaces (id, cluster_id, uid, name, labels, annotations)"
                    + " SELECT gen_random_uuid(), cluster_id, uid, name,"
                    + " coalesce(object->'metadata'->'labels', '{}'),"
                    + " coalesce(object->'metadata'->'annotations', '{}')"
                    + " FROM inventory_objects WHERE cluster_id = :cluster AND kind = 'Namespace'"
                    + " AND api_version = 'v1'"
                    + within
                    + " ON CONFLICT (cluster_id, uid) DO UPDATE SET name = excluded.name,"
                    + " labels = excluded.labels, annotations = excluded.annotations"),
            cluster,
            scope)
        .execute();
    bindScope(
            handle.createUpdate(
                "DELETE FROM namespaces n WHERE cluster_id = :cluster"
                    + within
                    + " AND NOT EXISTS (SELECT 1 FROM inventory_objects o"
                    + " WHERE o.cluster_id = n.cluster_id AND o.uid = n.uid)"),
            cluster,
            scope)
        .execute();
  }

  private static List<Ownership.Node> workloads(Handle handle, UUID cluster, Scope scope) {
    String within = scope.everything() ? "" : " AND namespace = ANY(CAST(:namespaces AS text[]))";
    return bindScope(
            handle.createQuery(
                "SELECT uid, namespace, owner_uid, running_images::text AS running,"
                    + " (SELECT r->>'kind' FROM jsonb_array_elements("
                    + "object->'metadata'->'ownerReferences') r WHERE r->>'uid' = owner_uid"
                    + " LIMIT 1) AS owner_kind"
                    + " FROM inventory_objects WHERE cluster_id = :cluster AND workload"
                    + within),
            cluster,
            scope)
        .map((rows, context) -> {
          String running = rows.getString("running");
          return new Ownership.Node(
              rows.getString("uid"),
              rows.getString("namespace"),
              rows.getString("owner_uid"),
              rows.getString("owner_kind"),
              running == null ? Map.of() : strings(running));
        })
        .list();
  }

  private static Map<String, Stored> stored(Handle handle, UUID cluster, Scope scope) {
    String within = scope.everything() ? "" : " AND namespace = ANY(CAST(:namespaces AS text[]))";
    Map<String, Stored> stored = new LinkedHashMap<>();
    bindScope(
            handle.createQuery(
                "SELECT id, uid, namespace, kind, name, labels::text AS labels,"
                    + " annotations::text AS annotations FROM deployments"
                    + " WHERE cluster_id = :cluster"
                    + within),
            cluster,
            scope)
        .map((rows, context) ->
            new Stored(
                rows.getObject("id", UUID.class),
                rows.getString("uid"),
                rows.getString("namespace"),
                rows.getString("kind"),
                rows.getString("name"),
                strings(rows.getString("labels")),
                strings(rows.getString("annotations"))))
        .forEach(deployment -> stored.put(deployment.uid(), deployment));
    return stored;
  }

  private static Map<String, Map<String, String>> namespaceAnnotations(
      Handle handle,
      UUID cluster,
      List<Stored> removed,
      List<String> evaluated,
      Ownership ownership) {
    Set<String> names = new HashSet<>();
    removed.forEach(deployment -> names.add(deployment.namespace()));
    evaluated.forEach(uid -> names.add(ownership.namespaceOf(uid)));
    Map<String, Map<String, String>> annotations = new HashMap<>();
    if (names.isEmpty()) {
      return annotations;
    }
    handle
        .createQuery(
            "SELECT name, annotations::text AS annotations FROM namespaces"
                + " WHERE cluster_id = :cluster AND name = ANY(CAST(:names AS text[]))")
        .bind("cluster", cluster)
        .bindArray("names", String.class, List.copyOf(names))
        .map((rows, context) ->
            Map.entry(rows.getString("name"), strings(rows.getString("annotations"))))
        .forEach(entry -> annotations.put(entry.getKey(), entry.getValue()));
    return annotations;
  }

  private static <T extends SqlStatement<T>> T bindScope(T statement, UUID cluster, Scope scope) {
    statement.bind("cluster", cluster);
    if (!scope.everything()) {
      statement.bindArray("namespaces", String.class, List.copyOf(scope.namespaces()));
    }
    return statement;
  }

  /**
   * The string values of a stored JSON object (labels, annotations); anything else a sensor sent in
   * their place is left out rather than failing the batch.
   */
  static Map<String, String> strings(String json) {
    Map<String, String> strings = new HashMap<>();
    try {
      Json.MAPPER
          .readTree(json)
          .properties()
          .forEach(field -> {
            if (field.getValue().isTextual()) {
              strings.put(field.getKey(), field.getValue().asText());
            }
          });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored JSON value does not parse", e);
    }
    return strings;
  }

  static ObjectNode tree(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored object does not parse", e);
    }
  }
}
