package dev.bulwark.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.storage.ConnectionSettings;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.ExternalPostgres;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.central.testing.peers.HttpPeer;
import dev.bulwark.central.testing.peers.PeerCertificate;
import dev.bulwark.sensor.Sensor;
import dev.bulwark.sensor.SensorSettings;
import dev.bulwark.sensor.enforcement.EnforcementSettings;
import dev.bulwark.sensor.enforcement.Enforcer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Central on a PostgreSQL server with a webhook notifier (a real HTTPS peer) and a sensor on the
 * real control plane reporting to it, enforcing with its {@link Enforcer}: the whole product as the
 * system tests drive it. Central listens on a fixed port so that a restarted central is where the
 * sensor expects it; both can be stopped and started again on their state.
 */
final class CentralWithSensor implements AutoCloseable {
  static final String PRIVILEGED = "e2e-privileged";
  static final String SCALE_TO_ZERO = "e2e-scale-to-zero";
  static final String SCALE_TAG = "scale-me";
  static final Duration POLL = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final KubernetesClient client;
  // Debian's PostgreSQL: from the packaged central jar on the test class path, the embedded
  // binaries are found twice (as in central's own integration tests).
  private final ExternalPostgres postgres = ExternalPostgres.start();
  private final ConnectionSettings database = postgres.fresh();
  private final int port = freePort();
  private final PeerCertificate certificate = PeerCertificate.create();
  final HttpPeer webhook = new HttpPeer(certificate);
  private @Nullable TestServer central;
  private @Nullable Sensor sensor;
  private final TestServer.Sensor cluster;

  CentralWithSensor(Path directory, KubernetesClient client) throws Exception {
    this.directory = directory;
    this.client = client;
    TestServer started = startCentral();
    // Only the system tests' policies: the built-in ones would flag the test workloads too.
    TestDatabases.execute(database, "DELETE FROM policies");
    String notifier = createNotifier(started);
    createPolicy(started, PRIVILEGED, "Privileged Container", "true", List.of(), notifier);
    createPolicy(
        started,
        SCALE_TO_ZERO,
        "Image Tag",
        SCALE_TAG,
        List.of("SCALE_TO_ZERO_ENFORCEMENT"),
        notifier);
    cluster = started.register("system-" + UUID.randomUUID().toString().substring(0, 8));
    startSensor();
  }

  TestServer central() {
    TestServer running = central;
    assertThat(running).as("central runs").isNotNull();
    return running;
  }

  String clusterId() {
    return cluster.clusterId();
  }

  /** Stops central (the sensor keeps running and buffers). */
  void stopCentral() {
    TestServer running = central;
    if (running != null) {
      running.close();
      central = null;
    }
  }

  TestServer startCentral() {
    TestServer started =
        TestServer.start(
            directory.resolve("central"),
            database,
            settings -> TestServer.withPort(TestServer.withJobPoll(settings, POLL), port),
            Clock.systemUTC());
    central = started;
    return started;
  }

  void stopSensor() throws IOException {
    Sensor running = sensor;
    if (running != null) {
      running.close();
      sensor = null;
    }
  }

  void startSensor() throws Exception {
    sensor = enforcingSensor(central(), port, cluster, client, directory.resolve("sensor"));
  }

  /**
   * Starts a sensor for {@code cluster} reporting to central on {@code port}, enforcing with its
   * {@link Enforcer} (never in the namespace {@code bulwark}), its state in {@code state}.
   */
  static Sensor enforcingSensor(
      TestServer central, int port, TestServer.Sensor cluster, KubernetesClient client, Path state)
      throws Exception {
    SensorSettings settings =
        SensorSettings.defaults(
            URI.create("https://localhost:" + port),
            UUID.fromString(cluster.clusterId()),
            cluster.token(),
            central.server.started().certificate(),
            state);
    return Sensor.start(
        settings,
        client,
        sink ->
            new Sensor.Listeners(
                List.of(
                    new Enforcer(
                        client,
                        EnforcementSettings.of("bulwark", Set.of(), false),
                        sink,
                        Clock.systemUTC())),
                List.of()));
  }

  /** GETs {@code path} as the admin. */
  JsonNode get(String path) {
    ApiClient.Response response = central().client.get(path, central().adminToken);
    assertThat(response.status()).as(path + ": " + response.raw().body()).isEqualTo(200);
    return response.body();
  }

  /** Where the cluster's inventory stands at central, asked as its sensor. */
  JsonNode inventoryState() {
    ApiClient.Response response =
        central()
            .client
            .get("/v1/clusters/" + cluster.clusterId() + "/inventory/state", cluster.token());
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body();
  }

  /** The alerts of the cluster matching the query (state, policy, namespace...). */
  JsonNode alerts(String query) {
    return get("/v1/alerts?cluster=" + cluster.clusterId() + "&limit=500&" + query).get("items");
  }

  /** Polls until {@code done} holds of the GET's body; fails after {@code timeout}. */
  JsonNode await(String path, Predicate<JsonNode> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode body = get(path);
    while (!done.test(body)) {
      assertThat(System.nanoTime())
          .as("%s within %s; last answer %s", path, timeout, body)
          .isLessThan(deadline);
      Thread.sleep(POLL.toMillis());
      body = get(path);
    }
    return body;
  }

  static void await(String what, BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + timeout).isLessThan(deadline);
      Thread.sleep(POLL.toMillis());
    }
  }

  private String createNotifier(TestServer started) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", "system-hook").put("type", "webhook");
    body.putObject("settings")
        .put("url", webhook.url("/hook"))
        .put("caCertificate", certificate.caPem());
    ApiClient.Response created =
        started.client.post("/v1/notifiers", started.adminToken, body.toString());
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private static void createPolicy(
      TestServer started,
      String id,
      String field,
      String value,
      List<String> enforcement,
      String notifier) {
    ObjectNode policy = JSON.createObjectNode();
    policy.put("id", id).put("name", id).put("severity", "HIGH_SEVERITY");
    policy.putArray("categories").add("Test");
    policy.putArray("lifecycleStages").add("DEPLOY");
    enforcement.forEach(policy.putArray("enforcementActions")::add);
    policy.putArray("notifiers").add(notifier);
    ObjectNode group =
        policy.putArray("policySections").addObject().putArray("policyGroups").addObject();
    group.put("fieldName", field);
    group.putArray("values").addObject().put("value", value);
    ApiClient.Response created =
        started.client.post("/v1/policies", started.adminToken, policy.toString());
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stopSensor();
    } finally {
      stopCentral();
      webhook.close();
      postgres.close();
    }
  }
}
