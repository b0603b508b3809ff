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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark central} as a process: SIGTERM stops it and its embedded PostgreSQL cleanly; after
 * kill -9 (PostgreSQL outlives it) the next start takes over the data directory, and what the
 * killed server acknowledged is there: a cluster, and the alert its sensor's batch opened.
 */
class CentralProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening on https://[^:]+:(\\d+) ");
  private static final String PRIVILEGED_BATCH =
      """
      {"sequence": 1, "changes": [{"action": "UPSERT", "object":
        {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"namespace": "shop", "name": "web", "uid": "uid-web"},
         "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "nginx:1.25",
                  "securityContext": {"privileged": true}}]}}}}}]}
      """;

  @Test
  void killNineLosesNothingAcknowledgedAndSigtermStopsCleanly(@TempDir Path data) throws Exception {
    Process first = central(data);
    int port = awaitListening(first);
    String admin = Files.readString(data.resolve("admin-token")).strip();
    String clusterId;
    String alertId;
    try (ApiClient client = client(data, port)) {
      ApiClient.Response created = client.post("/v1/clusters", admin, "{\"name\": \"acked\"}");
      assertThat(created.status()).isEqualTo(201);
      clusterId = created.body().get("id").asText();
      // The seeded built-in privileged-container policy opens an alert as the batch commits.
      ApiClient.Response reported =
          client.post(
              "/v1/clusters/" + clusterId + "/inventory/changes",
              created.body().get("token").asText(),
              PRIVILEGED_BATCH);
      assertThat(reported.status()).as(reported.raw().body()).isEqualTo(200);
      alertId = activeAlert(client, admin);
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
      assertThat(activeAlert(client, admin)).as("the alert survived").isEqualTo(alertId);
    }
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as("exit on SIGTERM").isIn(0, 143);
    assertThat(data.resolve("postgres/data/postmaster.pid"))
        .as("PostgreSQL stopped with it")
        .doesNotExist();
  }

  /** The id of the one ACTIVE alert, of the privileged deployment. */
  private static String activeAlert(ApiClient client, String admin) {
    JsonNode items =
        client
            .get("/v1/alerts?state=ACTIVE&policy=privileged-container", admin)
            .body()
            .get("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("deployment").get("name").asText()).isEqualTo("web");
    return items.get(0).get("id").asText();
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
                data.toString()))
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
