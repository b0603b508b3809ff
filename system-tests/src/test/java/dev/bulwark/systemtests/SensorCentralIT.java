package dev.bulwark.systemtests;

import static dev.bulwark.systemtests.CentralWithSensor.PRIVILEGED;
import static dev.bulwark.systemtests.CentralWithSensor.SCALE_TAG;
import static dev.bulwark.systemtests.CentralWithSensor.SCALE_TO_ZERO;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.peers.HttpPeer;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import dev.bulwark.testsupport.kubernetes.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sensor on the real control plane reporting to central, end to end: what the issue asks of
 * them together. Each test works in a namespace of its own; central and the sensor serve them all.
 */
@RealKubernetes
class SensorCentralIT {
  private static final String IMAGE = "registry.example.com/shop/web:1.0";

  @TempDir static Path directory;
  private static CentralWithSensor system;

  @BeforeAll
  static void start(KubernetesClient client) throws Exception {
    system = new CentralWithSensor(directory, client);
  }

  @AfterAll
  static void stop() throws Exception {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void aViolatingDeploymentIsAnActiveAlertWithinFiveSecondsIsNotifiedAndItsFixResolvesIt(
      KubernetesClient client, TestNamespace namespace) throws Exception {
    Workloads.create(client, namespace.name(), "web", IMAGE, true, 1);

    JsonNode active =
        system.await(
            alerts(namespace, PRIVILEGED, "ACTIVE"),
            body -> body.get("items").size() == 1,
            Duration.ofSeconds(5));
    String id = active.get("items").get(0).get("id").asText();
    assertThat(active.get("items").get(0).get("deployment").get("name").asText()).isEqualTo("web");
    CentralWithSensor.await(
        "the webhook receives the new alert",
        () -> delivered(id).contains("\"NEW\""),
        Duration.ofSeconds(20));

    Workloads.setPrivileged(client, namespace.name(), "web", IMAGE, false);

    JsonNode resolved =
        system.await(
            "/v1/alerts/" + id,
            alert -> alert.get("state").asText().equals("RESOLVED"),
            Duration.ofSeconds(10));
    assertThat(resolved.get("resolution").get("reason").asText()).isEqualTo("FIXED");
  }

  @Test
  void aScaleToZeroPolicyScalesTheDeploymentToZeroAndTheAlertRecordsIt(
      KubernetesClient client, TestNamespace namespace) throws Exception {
    Workloads.create(
        client,
        namespace.name(),
        "batch",
        "registry.example.com/jobs/batch:" + SCALE_TAG,
        false,
        2);

    CentralWithSensor.await(
        "the deployment is scaled to zero",
        () ->
            client
                    .apps()
                    .deployments()
                    .inNamespace(namespace.name())
                    .withName("batch")
                    .get()
                    .getSpec()
                    .getReplicas()
                == 0,
        Duration.ofSeconds(20));
    JsonNode alerts =
        system.await(
            alerts(namespace, SCALE_TO_ZERO, "ACTIVE"),
            body -> body.get("items").size() == 1,
            Duration.ofSeconds(10));
    String id = alerts.get("items").get(0).get("id").asText();
    JsonNode records =
        system
            .await(
                "/v1/alerts/" + id,
                body -> !body.get("enforcementRecords").isEmpty(),
                Duration.ofSeconds(10))
            .get("enforcementRecords");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("action").asText()).isEqualTo("SCALE_TO_ZERO_ENFORCEMENT");
    assertThat(records.get(0).get("applied").asBoolean()).isTrue();
    assertThat(records.get(0).get("message").asText()).contains("0");
  }

  @Test
  void deletingAViolatingDeploymentResolvesItsAlert(
      KubernetesClient client, TestNamespace namespace) throws Exception {
    Workloads.create(client, namespace.name(), "doomed", IMAGE, true, 1);
    String id =
        system
            .await(
                alerts(namespace, PRIVILEGED, "ACTIVE"),
                body -> body.get("items").size() == 1,
                Duration.ofSeconds(10))
            .get("items")
            .get(0)
            .get("id")
            .asText();

    Workloads.delete(client, namespace.name(), "doomed");

    JsonNode resolved =
        system.await(
            "/v1/alerts/" + id,
            alert -> alert.get("state").asText().equals("RESOLVED"),
            Duration.ofSeconds(10));
    assertThat(resolved.get("resolution").get("reason").asText()).isEqualTo("DELETED");
  }

  @Test
  void aRestartedSensorDuplicatesNoAlert(KubernetesClient client, TestNamespace namespace)
      throws Exception {
    Workloads.create(client, namespace.name(), "steady", IMAGE, true, 1);
    system.await(
        alerts(namespace, PRIVILEGED, "ACTIVE"),
        body -> body.get("items").size() == 1,
        Duration.ofSeconds(10));
    List<String> before = ids(system.alerts(""));
    long acknowledged = acknowledged();

    system.stopSensor();
    system.startSensor();

    CentralWithSensor.await(
        "the restarted sensor's resync is acknowledged",
        () -> acknowledged() > acknowledged,
        Duration.ofSeconds(30));
    assertThat(ids(system.alerts(""))).containsExactlyInAnyOrderElementsOf(before);
    assertThat(system.alerts("namespace=" + namespace.name())).hasSize(1);
  }

  private static String alerts(TestNamespace namespace, String policy, String state) {
    return "/v1/alerts?cluster="
        + system.clusterId()
        + "&namespace="
        + namespace.name()
        + "&policy="
        + policy
        + "&state="
        + state;
  }

  private static long acknowledged() {
    return system.inventoryState().path("acknowledged").asLong();
  }

  /** What the webhook received about the alert, every body joined. */
  private static String delivered(String alertId) {
    StringBuilder bodies = new StringBuilder();
    for (HttpPeer.Request request : system.webhook.requests()) {
      if (request.body().contains(alertId)) {
        bodies.append(request.body());
      }
    }
    return bodies.toString();
  }

  private static List<String> ids(JsonNode alerts) {
    List<String> ids = new ArrayList<>();
    alerts.forEach(alert -> ids.add(alert.get("id").asText()));
    return ids;
  }
}
