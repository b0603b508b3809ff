package dev.bulwark.central.tokens;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenApiTest {
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
  void anIssuedTokenIsShownOnceAndListedWithoutItsSecret() {
    String expires =
        Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    ApiClient.Response issued =
        central.client.post(
            "/v1/tokens",
            central.adminToken,
            "{\"name\": \"pipeline\", \"role\": \"ci\", \"expiresAt\": \"" + expires + "\"}");

    assertThat(issued.status()).isEqualTo(201);
    String secret = issued.body().get("token").asText();
    String id = issued.body().get("id").asText();
    JsonNode shown = central.client.get("/v1/tokens/" + id, central.adminToken).body();
    assertThat(shown.get("role").asText()).isEqualTo("ci");
    assertThat(shown.get("state").asText()).isEqualTo("active");
    assertThat(shown.get("expiresAt").asText()).isEqualTo(expires);
    assertThat(shown.get("createdBy").asText()).isEqualTo("admin");
    assertThat(shown.toString()).doesNotContain(secret);
    assertThat(central.client.get("/v1/tokens", central.adminToken).raw().body())
        .doesNotContain(secret);
  }

  @Test
  void aRevokedTokenStaysListedAsRevoked() {
    JsonNode issued =
        central
            .client
            .post(
                "/v1/tokens",
                central.adminToken,
                "{\"name\": \"short-lived\", \"role\": \"analyst\"}")
            .body();
    String path = "/v1/tokens/" + issued.get("id").asText();

    assertThat(central.client.delete(path, central.adminToken).status()).isEqualTo(204);
    assertThat(central.client.delete(path, central.adminToken).status())
        .as("revoking again changes nothing")
        .isEqualTo(204);
    JsonNode shown = central.client.get(path, central.adminToken).body();
    assertThat(shown.get("state").asText()).isEqualTo("revoked");
    assertThat(shown.get("revokedAt").asText()).endsWith("Z");
  }

  @Test
  void theLastAdminTokenCannotBeRevoked() {
    String adminId = idOf("admin");

    assertProblem(
        central.client.delete("/v1/tokens/" + adminId, central.adminToken),
        409,
        "conflict",
        "last active admin token");
    assertThat(central.client.get("/v1/clusters", central.adminToken).status()).isEqualTo(200);
  }

  @Test
  void aSensorTokenIsBoundToAnExistingCluster() {
    TestServer.Sensor sensor = central.register("token-cluster");

    ApiClient.Response issued =
        central.client.post(
            "/v1/tokens",
            central.adminToken,
            "{\"name\": \"second-sensor\", \"role\": \"sensor\", \"clusterId\": \""
                + sensor.clusterId()
                + "\"}");

    assertThat(issued.status()).isEqualTo(201);
    assertThat(issued.body().get("clusterId").asText()).isEqualTo(sensor.clusterId());
    assertThat(
            central
                .client
                .post(
                    "/v1/clusters/" + sensor.clusterId() + "/heartbeat",
                    issued.body().get("token").asText(),
                    "{\"sensorVersion\": \"2\"}")
                .status())
        .isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sensor without cluster | {"name": "s1", "role": "sensor"}                 | /clusterId | is required for the sensor role
          cluster for analyst    | {"name": "s2", "role": "analyst", "clusterId": "00000000-0000-0000-0000-000000000001"} | /clusterId | only for the sensor role
          unknown cluster        | {"name": "s3", "role": "sensor", "clusterId": "00000000-0000-0000-0000-000000000001"}  | /clusterId | no cluster has the id
          expiry in the past     | {"name": "s4", "role": "ci", "expiresAt": "2001-01-01T00:00:00Z"} | /expiresAt | must be in the future
          expiry without zone    | {"name": "s5", "role": "ci", "expiresAt": "2031-01-01T00:00:00"}  | /expiresAt | RFC 3339
          unknown role           | {"name": "s6", "role": "root"}                   | /role      | must be one of admin, analyst, ci, sensor
          cluster id not a uuid  | {"name": "s7", "role": "sensor", "clusterId": "x"} | /clusterId | UUID
          """)
  void invalidRequestsNameTheField(String what, String body, String pointer, String detail) {
    ApiClient.Response response = central.client.post("/v1/tokens", central.adminToken, body);

    assertProblem(response, 422, "validation-failed", detail);
    assertThat(response.body().get("errors").findValuesAsText("pointer")).contains(pointer);
  }

  @Test
  void aLiveNameIsAConflict() {
    central.issue("taken", "ci");

    assertProblem(
        central.client.post(
            "/v1/tokens", central.adminToken, "{\"name\": \"taken\", \"role\": \"ci\"}"),
        409,
        "conflict",
        "'taken'");
  }

  @Test
  void theListIsPagedOldestFirst() {
    for (int i = 0; i < 3; i++) {
      central.issue("paged-" + i, "analyst");
    }
    List<String> names = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          central
              .client
              .get(
                  "/v1/tokens?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                  central.adminToken)
              .body();
      page.get("items").forEach(item -> names.add(item.get("name").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    } while (cursor != null);

    assertThat(names).containsSubsequence("admin", "paged-0", "paged-1", "paged-2");
    assertThat(names).doesNotHaveDuplicates();
  }

  @Test
  void anUnknownTokenIsNotFound() {
    assertProblem(
        central.client.get("/v1/tokens/" + UUID.randomUUID(), central.adminToken),
        404,
        "not-found",
        "no token has the id");
  }

  private String idOf(String name) {
    for (JsonNode item :
        central.client.get("/v1/tokens?limit=500", central.adminToken).body().get("items")) {
      if (item.get("name").asText().equals(name)) {
        return item.get("id").asText();
      }
    }
    throw new AssertionError("no token " + name);
  }
}
