package dev.bulwark.central;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark central} as a process: SIGTERM stops it and its embedded PostgreSQL cleanly; after
 * kill -9 (PostgreSQL outlives it) the next start takes over the data directory, and what the
 * killed server acknowledged is there, also when it is killed in the middle of a sensor's stream.
 */
class CentralProcessTest {
  private static final int KILL_AFTER_BATCHES = 25;
  private static final Pattern LISTENING = Pattern.compile("listening on https://[^:]+:(\\d+) ");

  @Test
  void killNineLosesNothingAcknowledgedAndSigtermStopsCleanly(@TempDir Path data) throws Exception {
    Process first = central(data);
    int port = awaitListening(first);
    String admin = Files.readString(data.resolve("admin-token")).strip();
    String clusterId;
    try (ApiClient client = client(data, port)) {
      ApiClient.Response created = client.post("/v1/clusters", admin, "{\"name\": \"acked\"}");
      assertThat(created.status()).isEqualTo(201);
      clusterId = created.body().get("id").asText();
    }
    first.destroyForcibly();
    first.waitFor(60, TimeUnit.SECONDS);
    assertThat(data.resolve("postgres/data/postmaster.pid"))
        .as("the orphaned PostgreSQL is still running")
        .exists();

    Process second = central(data);
    port = awaitListening(second);
    try (ApiClient client = client(data, port)) {
      assertThat(client.get("/v1/clusters/" + clusterId, admin).body().get("name").asText())
          .isEqualTo("acked");
    }
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as("exit on SIGTERM").isIn(0, 143);
    assertThat(data.resolve("postgres/data/postmaster.pid"))
        .as("PostgreSQL stopped with it")
        .doesNotExist();
  }

  @Test
  void killNineDuringIngestionLosesNoAcknowledgedBatchNorItsAlerts(@TempDir Path data)
      throws Exception {
    Process first = central(data);
    int port = awaitListening(first);
    String admin = Files.readString(data.resolve("admin-token")).strip();
    String clusterId;
    String sensorToken;
    try (ApiClient client = client(data, port)) {
      ApiClient.Response created = client.post("/v1/clusters", admin, "{\"name\": \"streaming\"}");
      clusterId = created.body().get("id").asText();
      sensorToken = created.body().get("token").asText();
    }
    AtomicLong acknowledged = new AtomicLong();
    CountDownLatch enoughAcknowledged = new CountDownLatch(KILL_AFTER_BATCHES);
    int sendingPort = port;
    Thread sensor =
        new Thread(() -> {
          try (ApiClient client = client(data, sendingPort)) {
            for (long sequence = 1; ; sequence++) {
              ApiClient.Response answer =
                  client.post(
                      "/v1/clusters/" + clusterId + "/inventory/changes",
                      sensorToken,
                      privilegedDeploymentBatch(sequence));
              if (answer.status() != 200) {
                return;
              }
              acknowledged.set(answer.body().get("acknowledged").asLong());
              enoughAcknowledged.countDown();
            }
          } catch (RuntimeException e) {
            // the server was killed mid-request: that batch was never acknowledged
          }
        });
    sensor.start();
    assertThat(enoughAcknowledged.await(3, TimeUnit.MINUTES)).isTrue();
    first.destroyForcibly();
    first.waitFor(60, TimeUnit.SECONDS);
    sensor.join(TimeUnit.MINUTES.toMillis(1));
    long lastAcknowledged = acknowledged.get();

    Process second = central(data);
    port = awaitListening(second);
    try (ApiClient client = client(data, port)) {
      JsonNode state =
          client.get("/v1/clusters/" + clusterId + "/inventory/state", sensorToken).body();
      assertThat(state.get("acknowledged").asLong()).isGreaterThanOrEqualTo(lastAcknowledged);
      for (long sequence = 1; sequence <= lastAcknowledged; sequence++) {
        String name = "web-" + sequence;
        assertThat(
                client
                    .get("/v1/deployments?cluster=" + clusterId + "&name=" + name, admin)
                    .body()
                    .get("items"))
            .as(name + " was acknowledged")
            .hasSize(1);
        assertThat(
                client.get("/v1/alerts?state=ACTIVE&deployment=" + name, admin).body().get("items"))
            .as("the ACTIVE alerts of " + name)
            .isNotEmpty();
      }
    } finally {
      second.destroy();
      second.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** One sensor batch: a new Deployment with a privileged container, which built-ins flag. */
  private static String privilegedDeploymentBatch(long sequence) {
    return """
    {"sequence": %d, "changes": [{"action": "UPSERT", "object": {
      "apiVersion": "apps/v1", "kind": "Deployment",
      "metadata": {"name": "web-%d", "namespace": "shop", "uid": "%s"},
      "spec": {"template": {"spec": {"containers": [{"name": "app",
        "image": "registry.example.com/web:1.%d",
        "securityContext": {"privileged": true}}]}}}}}]}
    """
        .formatted(
            sequence,
            sequence,
            UUID.nameUUIDFromBytes(("web-" + sequence).getBytes(StandardCharsets.UTF_8)),
            sequence);
  }

  private static ApiClient client(Path data, int port) {
    return new ApiClient(data.resolve("tls.crt"), URI.create("https://localhost:" + port));
  }

  private static Process central(Path data) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CentralMain.class.getName(),
                "central",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                data.toString(),
                // Its inventory names images on Docker Hub, which tests cannot reach.
                "--no-inventory-scans"))
        .redirectErrorStream(true)
        .start();
  }

  private static int awaitListening(Process process) throws IOException {
    BufferedReader output =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      seen.append(line).append('\n');
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        Thread drain =
            new Thread(() -> {
              try {
                output.transferTo(Writer.nullWriter());
              } catch (IOException e) {
                // the process ended
              }
            });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(listening.group(1));
      }
    }
    throw new AssertionError("central ended without listening:\n" + seen);
  }
}
