package dev.bulwark.central.inventory;

import dev.bulwark.central.alerts.AlertReconciler;
import dev.bulwark.central.policies.ActivePolicies;
import dev.bulwark.central.storage.Rows;
import dev.bulwark.core.context.ClusterContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * A cluster's inventory as its sensor reports it. Every batch is one transaction: the objects, the
 * deployments derived from them, their evaluation and the alerts it changes commit together, and
 * the batch's sequence number with them, so an acknowledged batch is durable and a batch sent again
 * (its sequence number not above the last acknowledged one) changes nothing. Batches of one cluster
 * are serialised by a lock on its {@code inventory_state} row. Thread-safe.
 */
public final class Inventory {
  private final Jdbi jdbi;
  private final DeploymentRefresh refresh;
  private final Clock clock;

  public Inventory(Jdbi jdbi, ActivePolicies policies, AlertReconciler alerts, Clock clock) {
    this.jdbi = jdbi;
    this.refresh = new DeploymentRefresh(policies, alerts);
    this.clock = clock;
  }

  /** One change of a batch. */
  public sealed interface Change {
    String uid();
  }

  /** Creates or replaces an object. */
  public record Upsert(InventoryObject object) implements Change {
    @Override
    public String uid() {
      return object.uid();
    }
  }

  /** Deletes the object with the uid (nothing happens when there is none). */
  public record Delete(String uid) implements Change {}

  /**
   * Where a cluster's inventory stands: the last batch acknowledged and how many objects it has.
   */
  public record State(long acknowledged, long objects) {}

  /**
   * Applies a batch of changes, in order (of several changes to one object, the last counts).
   *
   * @return the sequence number acknowledged: {@code sequence}, also when it was applied before
   */
  public long apply(UUID cluster, long sequence, List<Change> changes) {
    return jdbi.inTransaction(handle -> {
      if (sequence <= lock(handle, cluster)) {
        return sequence;
      }
      Instant now = now();
      Map<String, InventoryObject> upserts = new LinkedHashMap<>();
      Set<String> deletes = new LinkedHashSet<>();
      for (Change change : changes) {
        switch (change) {
          case Upsert upsert -> {
            deletes.remove(upsert.uid());
            upserts.put(upsert.uid(), upsert.object());
          }
          case Delete delete -> {
            upserts.remove(delete.uid());
            deletes.add(delete.uid());
          }
        }
      }
      List<ObjectTable.Removed> removed = ObjectTable.delete(handle, cluster, List.copyOf(deletes));
      List<InventoryObject> written = List.copyOf(upserts.values());
      ObjectTable.upsert(handle, cluster, written, now);
      DeploymentRefresh.Scope scope = scope(written, removed);
      String fingerprint = refresh.refresh(handle, cluster, scope, now);
      acknowledge(handle, cluster, sequence, now, scope.everything() ? fingerprint : null);
      return sequence;
    });
  }

  /**
   * Replaces the cluster's objects with {@code objects}: what it does not list is deleted. Every
   * deployment is evaluated again.
   *
   * @return the sequence number acknowledged
   */
  public long resync(UUID cluster, long sequence, List<InventoryObject> objects) {
    return jdbi.inTransaction(handle -> {
      if (sequence <= lock(handle, cluster)) {
        return sequence;
      }
      Instant now = now();
      Map<String, InventoryObject> unique = new LinkedHashMap<>();
      objects.forEach(object -> unique.put(object.uid(), object));
      ObjectTable.deleteAllBut(handle, cluster, List.copyOf(unique.keySet()));
      ObjectTable.upsert(handle, cluster, List.copyOf(unique.values()), now);
      String fingerprint = refresh.refresh(handle, cluster, DeploymentRefresh.Scope.all(), now);
      acknowledge(handle, cluster, sequence, now, fingerprint);
      return sequence;
    });
  }

  public State state(UUID cluster) {
    return jdbi.withHandle(handle -> {
      Long acknowledged =
          handle
              .createQuery("SELECT acknowledged FROM inventory_state WHERE cluster_id = :cluster")
              .bind("cluster", cluster)
              .mapTo(Long.class)
              .findOne()
              .orElse(0L);
      return new State(acknowledged, ObjectTable.count(handle, cluster));
    });
  }

  /** The clusters that have an inventory. */
  public List<UUID> clusters() {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT cluster_id FROM inventory_state ORDER BY cluster_id")
            .mapTo(UUID.class)
            .list());
  }

  /**
   * Evaluates every deployment of the cluster again when the enabled policies or the exceptions in
   * force changed since its last full evaluation (an exception expiring is a change), or when that
   * evaluation is older than {@code maxAge}.
   *
   * @return whether it evaluated
   */
  public boolean reprocess(UUID cluster, Duration maxAge) {
    return jdbi.inTransaction(handle -> {
      Optional<Evaluated> last =
          handle
              .createQuery(
                  "SELECT evaluated_policies, evaluated_at FROM inventory_state"
                      + " WHERE cluster_id = :cluster FOR UPDATE")
              .bind("cluster", cluster)
              .map((rows, context) ->
                  new Evaluated(
                      rows.getString("evaluated_policies"), Rows.instant(rows, "evaluated_at")))
              .findOne();
      if (last.isEmpty()) {
        return false;
      }
      Instant now = now();
      String fingerprint = ActivePolicies.fingerprint(handle, now);
      Instant at = last.get().at();
      if (fingerprint.equals(last.get().policies())
          && at != null
          && at.isAfter(now.minus(maxAge))) {
        return false;
      }
      String used = refresh.refresh(handle, cluster, DeploymentRefresh.Scope.all(), now);
      handle
          .createUpdate(
              "UPDATE inventory_state SET evaluated_policies = :policies, evaluated_at = :now"
                  + " WHERE cluster_id = :cluster")
          .bind("policies", used)
          .bind("now", now)
          .bind("cluster", cluster)
          .execute();
      return true;
    });
  }

  /**
   * Evaluates again the deployments that use images with the keys (their scan results changed), one
   * cluster per transaction, in turn with the cluster's batches.
   *
   * @return how many deployments were evaluated
   */
  public int reevaluateImages(Collection<String> imageKeys) {
    if (imageKeys.isEmpty()) {
      return 0;
    }
    Map<UUID, DeploymentsOfCluster> users = imageUsers(List.copyOf(imageKeys));
    int evaluated = 0;
    for (Map.Entry<UUID, DeploymentsOfCluster> cluster : users.entrySet()) {
      DeploymentsOfCluster deployments = cluster.getValue();
      jdbi.useTransaction(handle -> {
        lock(handle, cluster.getKey());
        refresh.refresh(
            handle,
            cluster.getKey(),
            new DeploymentRefresh.Scope(
                false, deployments.namespaces(), Set.of(), deployments.uids()),
            now());
      });
      evaluated += deployments.uids().size();
    }
    return evaluated;
  }

  /** Some deployments of one cluster, by uid, and their namespaces. */
  private record DeploymentsOfCluster(Set<String> uids, Set<String> namespaces) {}

  private Map<UUID, DeploymentsOfCluster> imageUsers(List<String> imageKeys) {
    Map<UUID, DeploymentsOfCluster> users = new LinkedHashMap<>();
    jdbi.useHandle(handle ->
        handle
            .createQuery(
                "SELECT DISTINCT d.cluster_id, d.uid, d.namespace FROM images i"
                    + " JOIN deployment_images l ON l.image_id = i.id"
                    + " JOIN deployments d ON d.id = l.deployment_id"
                    + " WHERE i.key = ANY(CAST(:keys AS text[])) ORDER BY d.cluster_id")
            .bindArray("keys", String.class, imageKeys)
            .map((rows, context) -> {
              DeploymentsOfCluster cluster =
                  users.computeIfAbsent(
                      Rows.requiredUuid(rows, "cluster_id"),
                      id -> new DeploymentsOfCluster(new HashSet<>(), new HashSet<>()));
              cluster.uids().add(rows.getString("uid"));
              cluster.namespaces().add(rows.getString("namespace"));
              return cluster;
            })
            .list());
    return users;
  }

  private record Evaluated(@Nullable String policies, @Nullable Instant at) {}

  /** Locks the cluster's state row (creating it) and returns the last acknowledged sequence. */
  private static long lock(Handle handle, UUID cluster) {
    handle
        .createUpdate(
            "INSERT INTO inventory_state (cluster_id) VALUES (:cluster) ON CONFLICT DO NOTHING")
        .bind("cluster", cluster)
        .execute();
    return handle
        .createQuery(
            "SELECT acknowledged FROM inventory_state WHERE cluster_id = :cluster FOR UPDATE")
        .bind("cluster", cluster)
        .mapTo(Long.class)
        .one();
  }

  private static void acknowledge(
      Handle handle, UUID cluster, long sequence, Instant now, @Nullable String fingerprint) {
    handle
        .createUpdate(
            "UPDATE inventory_state SET acknowledged = :sequence, updated_at = :now"
                + (fingerprint == null
                    ? ""
                    : ", evaluated_policies = :policies, evaluated_at = :now")
                + " WHERE cluster_id = :cluster")
        .bind("sequence", sequence)
        .bind("now", now)
        .bind("policies", fingerprint)
        .bind("cluster", cluster)
        .execute();
  }

  /** What the written and removed objects affect. */
  static DeploymentRefresh.Scope scope(
      List<InventoryObject> written, List<ObjectTable.Removed> removed) {
    Set<String> namespaces = new HashSet<>();
    Set<String> context = new HashSet<>();
    Set<String> touched = new HashSet<>();
    boolean everything = false;
    List<ObjectTable.Removed> all = new ArrayList<>(removed);
    written.forEach(object ->
        all.add(
            new ObjectTable.Removed(
                object.uid(),
                object.kind(),
                object.namespace(),
                object.name(),
                object.ownerUid())));
    for (ObjectTable.Removed object : all) {
      switch (object.kind()) {
        case "ClusterRole", "ClusterRoleBinding" -> everything = true;
        case "Namespace" -> {
          // A Namespace object has no namespace; its name is the one it affects.
          namespaces.add(object.name());
          context.add(object.name());
        }
        default -> {
          namespaces.add(object.namespace());
          if (ClusterContext.isContextKind(object.kind())) {
            context.add(object.namespace());
          }
          touched.add(object.uid());
          if (object.ownerUid() != null) {
            touched.add(object.ownerUid());
          }
        }
      }
    }
    return everything
        ? DeploymentRefresh.Scope.all()
        : new DeploymentRefresh.Scope(false, namespaces, context, touched);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
