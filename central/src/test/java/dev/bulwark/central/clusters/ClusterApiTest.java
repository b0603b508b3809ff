package dev.bulwark.central.clusters;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterApiTest {
  @TempDir static Path data;

  private TestServer central;

  @BeforeAll
  void start() {
    central = TestServer.start(data);
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @Test
  void registeringAClusterIssuesATokenForItsSensorOnly() {
    ApiClient.Response created =
        central.client.post("/v1/clusters", central.adminToken, "{\"name\": \"prod-eu\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.body();
    assertThat(body.get("name").asText()).isEqualTo("prod-eu");
    assertThat(body.get("token").asText()).startsWith("bwk_");
    String id = body.get("id").asText();
    JsonNode shown = central.client.get("/v1/clusters/" + id, central.adminToken).body();
    assertThat(shown.get("status").get("state").asText()).isEqualTo("never-connected");
    assertThat(shown.get("status").get("lastContact").isNull()).isTrue();
    assertThat(shown.has("token")).as("the token is shown once").isFalse();
    assertThat(central.client.get("/v1/clusters", body.get("token").asText()).status())
        .as("a sensor token reads nothing else")
        .isEqualTo(403);
  }

  @Test
  void theSensorsHeartbeatRecordsContactAndVersion() {
    TestServer.Sensor sensor = central.register("heartbeat");

    ApiClient.Response beat =
        central.client.post(
            "/v1/clusters/" + sensor.clusterId() + "/heartbeat",
            sensor.token(),
            "{\"sensorVersion\": \"0.3.1\"}");

    assertThat(beat.status()).isEqualTo(200);
    JsonNode status = beat.body().get("status");
    assertThat(status.get("state").asText()).isEqualTo("connected");
    assertThat(status.get("sensorVersion").asText()).isEqualTo("0.3.1");
    assertThat(status.get("lastContact").asText()).endsWith("Z");
    assertThat(
            central
                .client
                .get("/v1/clusters/" + sensor.clusterId(), central.adminToken)
                .body()
                .get("status")
                .get("sensorVersion")
                .asText())
        .isEqualTo("0.3.1");
  }

  @Test
  void aSensorCannotReportForAnotherCluster() {
    TestServer.Sensor mine = central.register("mine");
    TestServer.Sensor theirs = central.register("theirs");

    assertProblem(
        central.client.post(
            "/v1/clusters/" + theirs.clusterId() + "/heartbeat",
            mine.token(),
            "{\"sensorVersion\": \"1\"}"),
        403,
        "wrong-cluster",
        "not for cluster " + theirs.clusterId());
  }

  @Test
  void anAdminIsNoSensor() {
    TestServer.Sensor sensor = central.register("admin-is-no-sensor");

    assertProblem(
        central.client.post(
            "/v1/clusters/" + sensor.clusterId() + "/heartbeat",
            central.adminToken,
            "{\"sensorVersion\": \"1\"}"),
        403,
        "permission-denied",
        "sensor:report");
  }

  @Test
  void aHeartbeatWithoutAVersionIsInvalid() {
    TestServer.Sensor sensor = central.register("versionless");

    assertProblem(
        central.client.post(
            "/v1/clusters/" + sensor.clusterId() + "/heartbeat", sensor.token(), "{}"),
        422,
        "validation-failed",
        "/sensorVersion");
  }

  @Test
  void aTakenNameIsAConflict() {
    central.register("twice");

    assertProblem(
        central.client.post("/v1/clusters", central.adminToken, "{\"name\": \"twice\"}"),
        409,
        "conflict",
        "'twice' is registered already");
  }

  @Test
  void theListIsPagedByName() {
    for (String name : List.of("page-c", "page-a", "page-b")) {
      central.register(name);
    }
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          central
              .client
              .get(
                  "/v1/clusters?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                  central.adminToken)
              .body();
      page.get("items").forEach(item -> names.add(item.get("name").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 50);

    assertThat(names).isSorted().doesNotHaveDuplicates().contains("page-a", "page-b", "page-c");
    assertThat(pages).isGreaterThan(1);
  }
}
