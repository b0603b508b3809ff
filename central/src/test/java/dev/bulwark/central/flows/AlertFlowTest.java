package dev.bulwark.central.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.storage.ConnectionSettings;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.central.testing.peers.HttpPeer;
import dev.bulwark.central.testing.peers.PeerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alert chain through a running central: a sensor's inventory batch is evaluated with the
 * enabled policies, the AlertStore opens and resolves alerts, their events are queued for the
 * policy's notifiers, and the dispatcher (a singleton job) delivers them to a real HTTPS peer. Each
 * test starts central on a fresh database with one policy (the built-in privileged-container)
 * naming one generic webhook notifier.
 */
class AlertFlowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICY = "privileged-container";
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static PeerCertificate certificate;

  @TempDir Path data;

  private final ShiftedClock clock = new ShiftedClock();
  private ConnectionSettings database;
  private TestServer central;
  private HttpPeer peer;
  private String notifierId;
  private TestServer.Sensor sensor;

  @BeforeAll
  static void peerCertificate() {
    certificate = PeerCertificate.create();
  }

  @BeforeEach
  void start() throws Exception {
    database = TestDatabases.fresh();
    central = startCentral();
    TestDatabases.execute(database, "DELETE FROM policies WHERE id <> '" + POLICY + "'");
    peer = new HttpPeer(certificate);
    notifierId = createNotifier();
    JsonNode policy = ok(central.client.get("/v1/policies/" + POLICY, central.adminToken));
    ((ObjectNode) policy).putArray("notifiers").add(notifierId);
    ok(put("/v1/policies/" + POLICY, policy.toString()));
    sensor = central.register("prod");
  }

  @AfterEach
  void stop() {
    peer.close();
    central.close();
  }

  @Test
  void aViolationIsNotifiedOnceAndItsFixResolvesIt() {
    String batch = changes(1, upsert(deployment("web", "uid-web", true)));
    ok(post(inventoryPath(), sensor.token(), batch));

    JsonNode active = ok(central.client.get("/v1/alerts?state=ACTIVE", central.adminToken));
    assertThat(active.get("items")).hasSize(1);
    JsonNode alert = active.get("items").get(0);
    String alertId = alert.get("id").asText();
    assertThat(alert.get("policy").get("id").asText()).isEqualTo(POLICY);
    assertThat(alert.get("deployment").get("name").asText()).isEqualTo("web");

    // No nudging here: the dispatcher finds the delivery on its own schedule.
    List<JsonNode> delivered = awaitDeliveries(1, false);
    assertDocument(delivered.getFirst(), "NEW", alertId, "web", "uid-web");
    assertThat(delivered.getFirst().get("messages").get(0).asText()).contains("privileged");

    JsonNode replay = ok(post(inventoryPath(), sensor.token(), batch));
    assertThat(replay.get("acknowledged").asLong()).isEqualTo(1);
    ok(
        post(
            inventoryPath(),
            sensor.token(),
            changes(2, upsert(deployment("web", "uid-web", false)))));

    JsonNode resolved = ok(central.client.get("/v1/alerts/" + alertId, central.adminToken));
    assertThat(resolved.get("state").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.get("resolution").get("reason").asText()).isEqualTo("FIXED");
    assertThat(ok(central.client.get("/v1/alerts?state=ACTIVE", central.adminToken)).get("items"))
        .isEmpty();
    // The replayed batch queued nothing: the resolution is the only delivery after the NEW one
    // (the dispatcher sends a notifier's deliveries oldest first).
    delivered = awaitDeliveries(2, true);
    assertDocument(delivered.get(1), "RESOLVED", alertId, "web", "uid-web");
    assertThat(notifierStatus().get("pending").asInt()).isZero();
  }

  @Test
  void aDeletedDeploymentResolvesItsAlertAsDeleted() {
    ok(
        post(
            inventoryPath(),
            sensor.token(),
            changes(1, upsert(deployment("api", "uid-api", true)))));
    String alertId = onlyAlert("ACTIVE").get("id").asText();

    ok(
        post(
            inventoryPath(),
            sensor.token(),
            changes(2, delete("apps/v1", "Deployment", "shop", "api", "uid-api"))));

    JsonNode resolved = ok(central.client.get("/v1/alerts/" + alertId, central.adminToken));
    assertThat(resolved.get("state").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.get("resolution").get("reason").asText()).isEqualTo("DELETED");
    List<JsonNode> delivered = awaitDeliveries(2, true);
    assertDocument(delivered.get(0), "NEW", alertId, "api", "uid-api");
    assertDocument(delivered.get(1), "RESOLVED", alertId, "api", "uid-api");
  }

  @Test
  void anAdmissionDenialIsDeliveredOnceAsAttempted() {
    String report =
        """
        {"requestUid": "req-1", "operation": "CREATE", "time": "2030-01-31T12:00:00Z",
         "object": {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "shop",
                    "name": "denied", "uid": "", "labels": {"app": "denied"}, "annotations": {}},
         "violations": [{"policyId": "privileged-container",
                         "messages": ["container 'app' is privileged"]}]}
        """;
    String path = "/v1/clusters/" + sensor.clusterId() + "/alerts/attempted";

    JsonNode recorded = ok(post(path, sensor.token(), report));
    JsonNode retried = ok(post(path, sensor.token(), report));

    assertThat(recorded.get("recorded").asInt()).isEqualTo(1);
    assertThat(retried.get("recorded").asInt()).isZero();
    String alertId = onlyAlert("ATTEMPTED").get("id").asText();
    List<JsonNode> delivered = awaitDeliveries(1, true);
    assertDocument(delivered.getFirst(), "ATTEMPTED", alertId, "denied", "");
    assertThat(delivered.getFirst().get("messages").get(0).asText())
        .isEqualTo("container 'app' is privileged");
    awaitQuietQueue();
    assertThat(peer.requests()).hasSize(1);
  }

  @Test
  void disablingThePolicyResolvesItsAlertsThroughReprocessing() {
    ok(
        post(
            inventoryPath(),
            sensor.token(),
            changes(1, upsert(deployment("web", "uid-web", true)))));
    String alertId = onlyAlert("ACTIVE").get("id").asText();
    awaitDeliveries(1, true);

    ok(post("/v1/policies/" + POLICY + "/disable", central.adminToken, ""));

    await(
        "the reprocessing job resolves the alert",
        () -> {
          central.makeJobsDue();
          return alert(alertId).get("state").asText().equals("RESOLVED");
        });
    assertThat(alert(alertId).get("resolution").get("reason").asText()).isEqualTo("FIXED");
    List<JsonNode> delivered = awaitDeliveries(2, true);
    assertDocument(delivered.get(1), "RESOLVED", alertId, "web", "uid-web");
  }

  @Test
  void deletingThePolicyStillSendsTheResolutionToWhoeverHeardOfTheAlert() {
    ok(
        post(
            inventoryPath(),
            sensor.token(),
            changes(1, upsert(deployment("web", "uid-web", true)))));
    String alertId = onlyAlert("ACTIVE").get("id").asText();
    awaitDeliveries(1, true);

    assertThat(central.client.delete("/v1/policies/" + POLICY, central.adminToken).status())
        .isEqualTo(204);

    await(
        "the reprocessing job resolves the alert",
        () -> {
          central.makeJobsDue();
          return alert(alertId).get("state").asText().equals("RESOLVED");
        });
    List<JsonNode> delivered = awaitDeliveries(2, true);
    assertDocument(delivered.get(1), "RESOLVED", alertId, "web", "uid-web");
  }

  @Test
  void aFailingPeerIsRetriedUntilItAcceptsAndTheNotifierRecovers() {
    peer.answer(503, "busy").answer(503, "still busy");
    ok(
        post(
            inventoryPath(),
            sensor.token(),
            changes(1, upsert(deployment("web", "uid-web", true)))));

    await("the first attempt fails", () -> nudged(() -> peer.requests().size() == 1));
    await("the failure shows", () -> notifierStatus().get("consecutiveFailures").asInt() == 1);
    JsonNode failing = notifierStatus();
    assertThat(failing.get("state").asText()).isEqualTo("failing");
    assertThat(failing.get("lastError").asText()).contains("503");
    assertThat(failing.get("pending").asInt()).isEqualTo(1);

    // The retry waits 30 s (±20 %), the next one 1 min: let that time pass.
    clock.advance(Duration.ofMinutes(1));
    await("the second attempt fails", () -> nudged(() -> peer.requests().size() == 2));
    await(
        "the second failure shows", () -> notifierStatus().get("consecutiveFailures").asInt() == 2);
    clock.advance(Duration.ofMinutes(2));
    await("the third attempt succeeds", () -> nudged(() -> peer.requests().size() == 3));

    await("the success shows", () -> notifierStatus().get("state").asText().equals("healthy"));
    JsonNode recovered = notifierStatus();
    assertThat(recovered.get("consecutiveFailures").asInt()).isZero();
    assertThat(recovered.get("pending").asInt()).isZero();
    assertThat(recovered.get("lastSuccessAt").isNull()).isFalse();
    List<String> bodies = peer.requests().stream().map(HttpPeer.Request::body).toList();
    assertThat(bodies).as("the same delivery, three times").containsOnly(bodies.getFirst());
    awaitQuietQueue();
    assertThat(peer.requests()).as("delivered once: no attempt after the success").hasSize(3);
  }

  @Test
  void aDeliveryPendingWhenCentralStopsIsSentAfterItsRestartOnce() {
    central.holdJob("deliver-notifications");
    ok(
        post(
            inventoryPath(),
            sensor.token(),
            changes(1, upsert(deployment("web", "uid-web", true)))));
    String alertId = onlyAlert("ACTIVE").get("id").asText();
    assertThat(notifierStatus().get("pending").asInt()).isEqualTo(1);
    central.close();
    assertThat(peer.requests()).as("nothing was sent before the restart").isEmpty();

    central = startCentral();

    List<JsonNode> delivered = awaitDeliveries(1, true);
    assertDocument(delivered.getFirst(), "NEW", alertId, "web", "uid-web");
    assertThat(onlyAlert("ACTIVE").get("id").asText()).isEqualTo(alertId);
    ok(
        post(
            inventoryPath(),
            sensor.token(),
            changes(2, upsert(deployment("web", "uid-web", false)))));
    delivered = awaitDeliveries(2, true);
    assertThat(delivered.stream().map(document -> document.get("kind").asText()))
        .as("the pending delivery was sent once")
        .containsExactly("NEW", "RESOLVED");
  }

  private TestServer startCentral() {
    return TestServer.start(
        data.resolve("central"),
        database,
        settings -> TestServer.withJobPoll(settings, POLL),
        clock);
  }

  private String createNotifier() throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", "flow-hook").put("type", "webhook");
    body.putObject("settings")
        .put("url", peer.url("/hook"))
        .put("caCertificate", certificate.caPem());
    ApiClient.Response created = post("/v1/notifiers", central.adminToken, body.toString());
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  /** Checks what the peer received against what the alert is about. */
  private static void assertDocument(
      JsonNode document, String kind, String alertId, String name, String uid) {
    assertThat(document.get("kind").asText()).isEqualTo(kind);
    assertThat(document.get("alertId").asText()).isEqualTo(alertId);
    assertThat(document.get("cluster").asText()).isEqualTo("prod");
    assertThat(document.get("deployment").get("namespace").asText()).isEqualTo("shop");
    assertThat(document.get("deployment").get("kind").asText()).isEqualTo("Deployment");
    assertThat(document.get("deployment").get("name").asText()).isEqualTo(name);
    assertThat(document.get("deployment").get("uid").asText()).isEqualTo(uid);
    assertThat(document.get("policy").get("id").asText()).isEqualTo(POLICY);
    assertThat(document.get("policy").get("name").asText()).isEqualTo("Privileged container");
    assertThat(document.get("policy").get("severity").asText()).isEqualTo("HIGH");
    assertThat(document.get("stage").asText()).isEqualTo("DEPLOY");
  }

  /**
   * Waits until the peer received {@code count} requests, then returns their bodies; with {@code
   * nudge}, makes the jobs due while waiting instead of waiting for the dispatcher's interval.
   */
  private List<JsonNode> awaitDeliveries(int count, boolean nudge) {
    await(
        count + " deliveries",
        () -> {
          if (nudge) {
            central.makeJobsDue();
          }
          return peer.requests().size() >= count;
        });
    List<JsonNode> documents = new ArrayList<>();
    for (HttpPeer.Request request : peer.requests()) {
      assertThat(request.path()).isEqualTo("/hook");
      try {
        documents.add(JSON.readTree(request.body()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(documents).as("no more than expected").hasSize(count);
    return documents;
  }

  /** Waits until the notifier has nothing pending and the dispatcher ran again after that. */
  private void awaitQuietQueue() {
    await("an empty queue", () -> notifierStatus().get("pending").asInt() == 0);
    Instant now = Instant.now();
    await(
        "another dispatcher run",
        () -> {
          central.makeJobsDue();
          return lastDispatcherRun().isAfter(now);
        });
  }

  private Instant lastDispatcherRun() {
    try (Connection connection =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT last_finished_at FROM singleton_jobs WHERE name = 'deliver-notifications'");
        ResultSet rows = query.executeQuery()) {
      return rows.next() && rows.getTimestamp(1) != null
          ? rows.getTimestamp(1).toInstant()
          : Instant.EPOCH;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean nudged(BooleanSupplier condition) {
    central.makeJobsDue();
    return condition.getAsBoolean();
  }

  private static void await(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("gave up waiting for " + what + " after " + PATIENCE);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private JsonNode notifierStatus() {
    return ok(central.client.get("/v1/notifiers/" + notifierId, central.adminToken)).get("status");
  }

  private JsonNode alert(String id) {
    return ok(central.client.get("/v1/alerts/" + id, central.adminToken));
  }

  private JsonNode onlyAlert(String state) {
    JsonNode items =
        ok(central.client.get("/v1/alerts?state=" + state, central.adminToken)).get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private String inventoryPath() {
    return "/v1/clusters/" + sensor.clusterId() + "/inventory/changes";
  }

  private ApiClient.Response post(String path, String token, String body) {
    return central.client.post(path, token, body);
  }

  private ApiClient.Response put(String path, String body) {
    return central.client.send(
        central
            .client
            .request(path, central.adminToken)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static JsonNode ok(ApiClient.Response response) {
    assertThat(response.status()).as(response.raw().body()).isBetween(200, 299);
    return response.body();
  }

  private static String changes(long sequence, String... changes) {
    return "{\"sequence\": " + sequence + ", \"changes\": [" + String.join(",", changes) + "]}";
  }

  private static String upsert(String object) {
    return "{\"action\": \"UPSERT\", \"object\": " + object + "}";
  }

  private static String delete(
      String apiVersion, String kind, String namespace, String name, String uid) {
    return """
    {"action": "DELETE", "object": {"apiVersion": "%s", "kind": "%s",
     "metadata": {"namespace": "%s", "name": "%s", "uid": "%s"}}}
    """
        .formatted(apiVersion, kind, namespace, name, uid);
  }

  private static String deployment(String name, String uid, boolean privileged) {
    return """
    {"apiVersion": "apps/v1", "kind": "Deployment",
     "metadata": {"namespace": "shop", "name": "%s", "uid": "%s", "labels": {"app": "%s"}},
     "spec": {"selector": {"matchLabels": {"app": "%s"}},
              "template": {"metadata": {"labels": {"app": "%s"}},
                           "spec": {"containers": [{"name": "app", "image": "nginx:1.25",
                                    "securityContext": {"privileged": %s}}]}}}}
    """
        .formatted(name, uid, name, name, name, privileged);
  }

  /** The system's time plus an offset the test moves forward (for retry delays). */
  private static final class ShiftedClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration duration) {
      offset = offset.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
