package dev.bulwark.central.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bulwark.central.api.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@code inventory_objects} table: statements over whole batches (arrays unnested in one
 * statement per chunk), never a statement per object.
 */
final class ObjectTable {
  private static final int CHUNK = 1000;

  private ObjectTable() {}

  /** An object just deleted: what the refresh needs to know which deployments it touched. */
  record Removed(
      String uid, String kind, String namespace, String name, @Nullable String ownerUid) {}

  static void upsert(Handle handle, UUID cluster, List<InventoryObject> objects, Instant now) {
    for (int from = 0; from < objects.size(); from += CHUNK) {
      List<InventoryObject> chunk = objects.subList(from, Math.min(objects.size(), from + CHUNK));
      int size = chunk.size();
      List<String> uids = new ArrayList<>(size);
      List<String> apiVersions = new ArrayList<>(size);
      List<String> kinds = new ArrayList<>(size);
      List<String> namespaces = new ArrayList<>(size);
      List<String> names = new ArrayList<>(size);
      List<@Nullable String> owners = new ArrayList<>(size);
      List<String> workloads = new ArrayList<>(size);
      List<@Nullable String> running = new ArrayList<>(size);
      List<String> json = new ArrayList<>(size);
      for (InventoryObject object : chunk) {
        uids.add(object.uid());
        apiVersions.add(object.apiVersion());
        kinds.add(object.kind());
        namespaces.add(object.namespace());
        names.add(object.name());
        owners.add(object.ownerUid());
        workloads.add(String.valueOf(object.workload()));
        running.add(object.kind().equals("Pod") ? write(object.runningImages()) : null);
        json.add(object.text());
      }
      handle
          .createUpdate(
              "INSERT INTO inventory_objects (cluster_id, uid, api_version, kind, namespace, name,"
                  + " owner_uid, workload, running_images, object, updated_at) SELECT :cluster, u,"
                  + " a, k, ns, n, o, w::boolean, r::jsonb, j::jsonb, :now FROM unnest(CAST(:uids"
                  + " AS text[]), CAST(:apiVersions AS text[]), CAST(:kinds AS text[]),"
                  + " CAST(:namespaces AS text[]), CAST(:names AS text[]), CAST(:owners AS text[]),"
                  + " CAST(:workloads AS text[]), CAST(:running AS text[]), CAST(:json AS text[]))"
                  + " AS t (u, a, k, ns, n, o, w, r, j) ON CONFLICT (cluster_id, uid) DO UPDATE SET"
                  + " api_version = excluded.api_version, kind = excluded.kind, namespace ="
                  + " excluded.namespace, name = excluded.name, owner_uid = excluded.owner_uid,"
                  + " workload = excluded.workload, running_images = excluded.running_images,"
                  + " object = excluded.object, updated_at = excluded.updated_at"
                  // a resync mostly repeats what is stored: leave those rows alone
                  + " WHERE inventory_objects.object IS DISTINCT FROM excluded.object")
          .bind("cluster", cluster)
          .bind("now", now)
          .bindArray("uids", String.class, uids)
          .bindArray("apiVersions", String.class, apiVersions)
          .bindArray("kinds", String.class, kinds)
          .bindArray("namespaces", String.class, namespaces)
          .bindArray("names", String.class, names)
          .bindArray("owners", String.class, owners)
          .bindArray("workloads", String.class, workloads)
          .bindArray("running", String.class, running)
          .bindArray("json", String.class, json)
          .execute();
    }
  }

  /** Deletes the objects with these uids; returns those that existed. */
  static List<Removed> delete(Handle handle, UUID cluster, List<String> uids) {
    if (uids.isEmpty()) {
      return List.of();
    }
    return handle
        .createQuery(
            "DELETE FROM inventory_objects WHERE cluster_id = :cluster AND uid = ANY(CAST(:uids AS"
                + " text[])) RETURNING uid, kind, namespace, name, owner_uid")
        .bind("cluster", cluster)
        .bindArray("uids", String.class, uids)
        .map(ObjectTable::removed)
        .list();
  }

  /** Deletes every object of the cluster but those with these uids; returns what it deleted. */
  static List<Removed> deleteAllBut(Handle handle, UUID cluster, List<String> uids) {
    return handle
        .createQuery(
            "DELETE FROM inventory_objects WHERE cluster_id = :cluster AND uid <> ALL(CAST(:uids AS"
                + " text[])) RETURNING uid, kind, namespace, name, owner_uid")
        .bind("cluster", cluster)
        .bindArray("uids", String.class, uids)
        .map(ObjectTable::removed)
        .list();
  }

  private static Removed removed(ResultSet rows, StatementContext context) throws SQLException {
    return new Removed(
        rows.getString("uid"),
        rows.getString("kind"),
        rows.getString("namespace"),
        rows.getString("name"),
        rows.getString("owner_uid"));
  }

  static long count(Handle handle, UUID cluster) {
    return handle
        .createQuery("SELECT count(*) FROM inventory_objects WHERE cluster_id = :cluster")
        .bind("cluster", cluster)
        .mapTo(Long.class)
        .one();
  }

  static String write(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree or map of strings always writes as JSON", e);
    }
  }
}
