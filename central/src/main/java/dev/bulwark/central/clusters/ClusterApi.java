package dev.bulwark.central.clusters;

import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.PageRequest;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.api.Validation;
import dev.bulwark.central.auth.Permission;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The clusters API: register a cluster (which issues its sensor's token), list and show clusters
 * with their status, and the sensor's heartbeat.
 */
public final class ClusterApi implements ApiFeature {
  private static final int MAX_NAME_LENGTH = 128;
  private static final int MAX_VERSION_LENGTH = 64;

  private final ClusterStore clusters;
  private final Clock clock;

  public ClusterApi(ClusterStore clusters, Clock clock) {
    this.clusters = clusters;
    this.clock = clock;
  }

  /** The body of {@code POST /v1/clusters}. */
  record NewCluster(@Nullable String name) {}

  /** The body of a heartbeat. */
  record Heartbeat(@Nullable String sensorVersion) {}

  /** A cluster as the API shows it. */
  record ClusterView(UUID id, String name, Instant createdAt, Status status) {
    record Status(String state, @Nullable Instant lastContact, @Nullable String sensorVersion) {}
  }

  /** A cluster just registered, with the token for its sensor (shown this once). */
  record RegisteredView(UUID id, String name, Instant createdAt, String token) {}

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Clusters",
            "Clusters whose sensors report to central. Registering a cluster issues the token its"
                + " sensor uses; the status shows when the sensor last called.");
    group
        .schema(
            "NewCluster",
            """
            {
              "type": "object",
              "required": ["name"],
              "additionalProperties": false,
              "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 128}
              }
            }
            """)
        .schema(
            "Cluster",
            """
            {
              "type": "object",
              "required": ["id", "name", "createdAt", "status"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "createdAt": {"type": "string", "format": "date-time"},
                "status": {
                  "type": "object",
                  "required": ["state", "lastContact", "sensorVersion"],
                  "properties": {
                    "state": {
                      "type": "string",
                      "enum": ["never-connected", "connected", "disconnected"],
                      "description": "disconnected: no call from the sensor for 3 minutes."
                    },
                    "lastContact": {"type": ["string", "null"], "format": "date-time"},
                    "sensorVersion": {"type": ["string", "null"]}
                  }
                }
              }
            }
            """)
        .schema(
            "RegisteredCluster",
            """
            {
              "type": "object",
              "required": ["id", "name", "createdAt", "token"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "createdAt": {"type": "string", "format": "date-time"},
                "token": {
                  "type": "string",
                  "description": "The sensor's API token (role sensor, bound to this cluster). Shown only here."
                }
              }
            }
            """)
        .schema(
            "Heartbeat",
            """
            {
              "type": "object",
              "required": ["sensorVersion"],
              "additionalProperties": false,
              "properties": {
                "sensorVersion": {"type": "string", "minLength": 1, "maxLength": 64}
              }
            }
            """);
    group
        .post("/v1/clusters", Permission.CLUSTERS_WRITE, this::create)
        .operation("registerCluster", "Register a cluster and issue its sensor's token")
        .body("NewCluster")
        .returns(201, "RegisteredCluster", "The cluster, with its sensor's token (shown once).")
        .fails(409, "Another cluster has the name.");
    group
        .get("/v1/clusters", Permission.CLUSTERS_READ, this::list)
        .operation("listClusters", "List clusters by name, with their status")
        .returnsPage("Cluster", "A page of clusters.");
    group
        .get("/v1/clusters/{id}", Permission.CLUSTERS_READ, this::show)
        .operation("getCluster", "Show a cluster and its status")
        .pathId("id", "The cluster's id.")
        .returns(200, "Cluster", "The cluster.");
    group
        .post("/v1/clusters/{id}/heartbeat", Permission.SENSOR_REPORT, this::heartbeat)
        .operation("clusterHeartbeat", "Report that the cluster's sensor is alive")
        .description("Called by the sensor, with the token issued for this cluster.")
        .pathId("id", "The cluster's id.")
        .body("Heartbeat")
        .returns(200, "Cluster", "The cluster with its updated status.");
  }

  private void create(Context ctx) {
    NewCluster body = Json.read(ctx, NewCluster.class);
    Validation validation = new Validation();
    String name = validation.name("/name", body.name(), MAX_NAME_LENGTH);
    validation.done();
    ClusterStore.Registered registered;
    try {
      registered = clusters.register(name, Requests.principal(ctx).name());
    } catch (ClusterNameTakenException e) {
      throw ApiProblem.conflict(String.valueOf(e.getMessage()));
    }
    Cluster cluster = registered.cluster();
    Requests.target(ctx, cluster.id());
    ctx.status(201)
        .json(
            new RegisteredView(
                cluster.id(),
                cluster.name(),
                cluster.createdAt(),
                registered.sensorToken().secret()));
  }

  private void list(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    ctx.json(page.page(clusters.list(page.fetch(), page.after()), Cluster::name).map(this::view));
  }

  private void show(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    ctx.json(view(clusters.find(id).orElseThrow(() -> notFound(id))));
  }

  private void heartbeat(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    Requests.principal(ctx).requireCluster(id);
    Heartbeat body = Json.read(ctx, Heartbeat.class);
    Validation validation = new Validation();
    String version = validation.name("/sensorVersion", body.sensorVersion(), MAX_VERSION_LENGTH);
    validation.done();
    ctx.json(view(clusters.recordContact(id, version).orElseThrow(() -> notFound(id))));
  }

  private ClusterView view(Cluster cluster) {
    return new ClusterView(
        cluster.id(),
        cluster.name(),
        cluster.createdAt(),
        new ClusterView.Status(
            cluster.state(clock.instant()).name().toLowerCase(Locale.ROOT).replace('_', '-'),
            cluster.lastContactAt(),
            cluster.sensorVersion()));
  }

  private static ApiProblem notFound(UUID id) {
    return ApiProblem.notFound("no cluster has the id " + id);
  }
}
