package dev.bulwark.central.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditApiTest {
  @Test
  void everyChangeIsRecordedWithWhoWhatAndHowItEnded(@TempDir Path data) {
    try (TestServer central = TestServer.start(data)) {
      TestServer.Sensor sensor = central.register("audited");
      central.client.post("/v1/clusters", central.adminToken, "{\"name\": \"audited\"}");
      central.client.get("/v1/clusters", central.adminToken);
      central.client.post(
          "/v1/clusters/" + sensor.clusterId() + "/heartbeat",
          sensor.token(),
          "{\"sensorVersion\": \"1\"}");
      String analyst = central.issue("auditor-analyst", "analyst");

      JsonNode page = central.client.get("/v1/audit", central.adminToken).body();
      List<String> calls = new ArrayList<>();
      page.get("items")
          .forEach(entry ->
              calls.add(
                  entry.get("method").asText()
                      + " "
                      + entry.get("path").asText()
                      + " "
                      + entry.get("status").asText()
                      + " by "
                      + entry.get("actor").get("name").asText()));

      assertThat(calls)
          .as("newest first; reads and sensor reports are not changes")
          .containsExactly(
              "POST /v1/tokens 201 by admin",
              "POST /v1/clusters 409 by admin",
              "POST /v1/clusters 201 by admin");
      JsonNode created = page.get("items").get(2);
      assertThat(created.get("targetId").asText()).isEqualTo(sensor.clusterId());
      assertThat(created.get("actor").get("role").asText()).isEqualTo("admin");
      assertThat(central.client.get("/v1/audit", analyst).status()).isEqualTo(403);
    }
  }
}
