package dev.bulwark.central.inventory;

import dev.bulwark.central.alerts.AlertSubject;
import dev.bulwark.core.context.ExposedPort;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerPort;
import dev.bulwark.core.workload.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * A row of the {@code deployments} table as a refresh writes it: what the API shows of a
 * deployment, summarised from its workload view and context.
 */
record DeploymentRow(
    String uid,
    String namespace,
    String kind,
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    String serviceAccount,
    List<ContainerSummary> containers,
    List<Exposure> exposure) {
  DeploymentRow {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    containers = List.copyOf(containers);
    exposure = List.copyOf(exposure);
  }

  /**
   * One container.
   *
   * @param digest the image's digest: pinned in the reference, else the one its pods run (null when
   *     unknown, or when pods run several, e.g. during a rollout)
   * @param runningDigests every digest the deployment's pods report for the container
   */
  record ContainerSummary(
      String name,
      String type,
      String image,
      @Nullable String digest,
      List<String> runningDigests,
      boolean privileged,
      Capabilities capabilities,
      List<Port> ports) {}

  record Capabilities(List<String> add, List<String> drop) {}

  record Port(@Nullable String name, int containerPort, String protocol) {}

  record Exposure(
      int containerPort, String protocol, String exposure, int nodePort, @Nullable String via) {}

  static DeploymentRow of(
      String uid,
      String namespace,
      Workload workload,
      WorkloadContext context,
      Map<String, Set<String>> running) {
    List<ContainerSummary> containers = new ArrayList<>();
    for (Container container : workload.containers()) {
      List<String> digests = List.copyOf(running.getOrDefault(container.name(), Set.of()));
      String digest = container.image().digest();
      if (digest == null && digests.size() == 1) {
        digest = digests.getFirst();
      }
      containers.add(
          new ContainerSummary(
              container.name(),
              container.type().name().toLowerCase(Locale.ROOT),
              container.image().fullName(),
              digest,
              digests,
              Boolean.TRUE.equals(container.securityContext().privileged()),
              new Capabilities(
                  container.securityContext().addCapabilities(),
                  container.securityContext().dropCapabilities()),
              ports(container.ports())));
    }
    List<Exposure> exposure = new ArrayList<>();
    for (ExposedPort port : context.exposedPorts()) {
      exposure.add(
          new Exposure(
              port.containerPort(),
              port.protocol(),
              port.exposure().name().toLowerCase(Locale.ROOT),
              port.nodePort(),
              port.via()));
    }
    return new DeploymentRow(
        uid,
        namespace,
        workload.kind(),
        workload.name(),
        workload.labels(),
        workload.annotations(),
        workload.serviceAccountName(),
        containers,
        exposure);
  }

  private static List<Port> ports(List<ContainerPort> ports) {
    return ports.stream()
        .map(port -> new Port(port.name(), port.containerPort(), port.protocol()))
        .toList();
  }

  AlertSubject subject(UUID cluster, Map<String, String> namespaceAnnotations) {
    return new AlertSubject(
        cluster, uid, namespace, kind, name, labels, annotations, namespaceAnnotations);
  }

  /**
   * Inserts or updates the rows (a deployment keeps its id for as long as it exists).
   *
   * @return uid to id
   */
  static Map<String, UUID> upsert(
      Handle handle, UUID cluster, List<DeploymentRow> rows, Instant now) {
    Map<String, UUID> ids = new HashMap<>();
    int chunk = 1000;
    for (int from = 0; from < rows.size(); from += chunk) {
      List<DeploymentRow> part = rows.subList(from, Math.min(rows.size(), from + chunk));
      handle
          .createQuery(
              "INSERT INTO deployments (id, cluster_id, uid, namespace, kind, name, labels,"
                  + " annotations, service_account, containers, exposure, updated_at)"
                  + " SELECT gen_random_uuid(), :cluster, u, ns, k, n, l::jsonb, a::jsonb, s,"
                  + " c::jsonb, e::jsonb, :now FROM unnest(CAST(:uids AS text[]),"
                  + " CAST(:namespaces AS text[]), CAST(:kinds AS text[]),"
                  + " CAST(:names AS text[]), CAST(:labels AS text[]),"
                  + " CAST(:annotations AS text[]), CAST(:accounts AS text[]),"
                  + " CAST(:containers AS text[]), CAST(:exposure AS text[]))"
                  + " AS t (u, ns, k, n, l, a, s, c, e)"
                  + " ON CONFLICT (cluster_id, uid) DO UPDATE SET namespace = excluded.namespace,"
                  + " kind = excluded.kind, name = excluded.name, labels = excluded.labels,"
                  + " annotations = excluded.annotations,"
                  + " service_account = excluded.service_account,"
                  + " containers = excluded.containers, exposure = excluded.exposure,"
                  + " updated_at = excluded.updated_at RETURNING uid, id")
          .bind("cluster", cluster)
          .bind("now", now)
          .bindArray("uids", String.class, part.stream().map(DeploymentRow::uid).toList())
          .bindArray(
              "namespaces", String.class, part.stream().map(DeploymentRow::namespace).toList())
          .bindArray("kinds", String.class, part.stream().map(DeploymentRow::kind).toList())
          .bindArray("names", String.class, part.stream().map(DeploymentRow::name).toList())
          .bindArray(
              "labels",
              String.class,
              part.stream().map(row -> ObjectTable.write(row.labels())).toList())
          .bindArray(
              "annotations",
              String.class,
              part.stream().map(row -> ObjectTable.write(row.annotations())).toList())
          .bindArray(
              "accounts", String.class, part.stream().map(DeploymentRow::serviceAccount).toList())
          .bindArray(
              "containers",
              String.class,
              part.stream().map(row -> ObjectTable.write(row.containers())).toList())
          .bindArray(
              "exposure",
              String.class,
              part.stream().map(row -> ObjectTable.write(row.exposure())).toList())
          .map((result, context) ->
              Map.entry(result.getString("uid"), result.getObject("id", UUID.class)))
          .forEach(entry -> ids.put(entry.getKey(), entry.getValue()));
    }
    return ids;
  }
}
