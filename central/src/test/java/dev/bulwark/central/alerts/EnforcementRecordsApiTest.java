package dev.bulwark.central.alerts;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sensor's enforcement records: stored once, shown on the alert they belong to. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnforcementRecordsApiTest {
  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  @TempDir static Path data;

  private TestServer central;
  private Database database;
  private AlertStore reconciler;
  private TestServer.Sensor prod;
  private TestServer.Sensor staging;
  private String analyst;

  @BeforeAll
  void start() throws Exception {
    central = TestServer.start(data);
    database = Database.open(central.database, 2);
    reconciler = new AlertStore(database.jdbi(), Clock.systemUTC(), List.of());
    prod = central.register("prod");
    staging = central.register("staging");
    analyst = central.issue("enforcement-analyst", "analyst");
  }

  @AfterAll
  void stop() {
    database.close();
    central.close();
  }

  @Test
  void aRecordIsStoredOnceAndShownOnTheActiveAlert() {
    evaluate("uid-web", "web", T0, "p-scale");
    String record = record(UUID.randomUUID(), "uid-web", "web", "p-scale", "2030-01-01T10:00:05Z");

    ApiClient.Response first = post(prod, record);
    ApiClient.Response again = post(prod, record);

    assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
    assertThat(first.body().get("recorded").asInt()).isEqualTo(1);
    assertThat(again.body().get("recorded").asInt()).isZero();
    JsonNode alert = alertOf("web");
    JsonNode shown = get("/v1/alerts/" + alert.get("id").asText()).get("enforcementRecords");
    assertThat(shown).hasSize(1);
    assertThat(shown.get(0).get("action").asText()).isEqualTo("SCALE_TO_ZERO_ENFORCEMENT");
    assertThat(shown.get(0).get("applied").asBoolean()).isTrue();
    assertThat(shown.get(0).get("message").asText()).isEqualTo("scaled Deployment web from 3 to 0");
    assertThat(alert.get("enforcementRecords")).as("the list shows them too").hasSize(1);
  }

  @Test
  void aRecordThatArrivesBeforeItsAlertShowsOnItOnceItOpens() {
    String record =
        record(UUID.randomUUID(), "uid-early", "early", "p-scale", "2030-01-01T10:59:00Z");
    assertThat(post(prod, record).body().get("recorded").asInt()).isEqualTo(1);

    evaluate("uid-early", "early", T0.plusSeconds(3600), "p-scale");

    assertThat(alertOf("early").get("enforcementRecords")).hasSize(1);
  }

  @Test
  void aSensorReportsForItsOwnClusterOnly() {
    String record = record(UUID.randomUUID(), "uid-x", "x", "p", "2030-01-01T10:00:00Z");
    assertProblem(
        central.client.post(
            "/v1/clusters/" + staging.clusterId() + "/alerts/enforcement", prod.token(), record),
        403,
        "wrong-cluster",
        staging.clusterId());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"records": []} | /records
          {} | /records
          {"records": [{"deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "m", "at": "2030-01-01T00:00:00Z"}]} | /records/0/id
          {"records": [{"id": "not-a-uuid", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "m", "at": "2030-01-01T00:00:00Z"}]} | /records/0/id
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "m", "at": "2030-01-01T00:00:00Z"}]} | /records/0/deployment/uid
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "EXPLODE", "applied": true, "message": "m", "at": "2030-01-01T00:00:00Z"}]} | /records/0/action
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "message": "m", "at": "2030-01-01T00:00:00Z"}]} | /records/0/applied
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "", "at": "2030-01-01T00:00:00Z"}]} | /records/0/message
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "m", "at": "soon"}]} | /records/0/at
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": 0, "applied": true, "message": "m", "at": "2030-01-01T00:00:00Z"}]} | /records/0/action
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": 1, "message": "m", "at": "2030-01-01T00:00:00Z"}]} | /records/0/applied
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "m", "at": 0}]} | /records/0/at
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "a\\u0000b", "at": "2030-01-01T00:00:00Z"}]} | /records/0/message
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "policyId": "p", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "m", "at": "0001-01-01T00:00:00Z"}]} | /records/0/at
          {"records": [{"id": "7a3f9a0e-1c55-4c5e-9d7e-2f0c2b6f1a01", "deployment": {"uid": "u", "namespace": "n", "kind": "Deployment", "name": "d", "apiVersion": "apps/v1"}, "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true, "message": "m", "at": "2030-01-01T00:00:00Z"}]} | /records/0/policyId
          """)
  void aBadReportIsRefusedNamingTheField(String body, String pointer) {
    ApiClient.Response response = post(prod, body);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(422);
    List<String> pointers = new ArrayList<>();
    response.body().get("errors").forEach(error -> pointers.add(error.get("pointer").asText()));
    assertThat(pointers).contains(pointer);
  }

  private ApiClient.Response post(TestServer.Sensor sensor, String body) {
    return central.client.post(
        "/v1/clusters/" + sensor.clusterId() + "/alerts/enforcement", sensor.token(), body);
  }

  private static String record(UUID id, String uid, String name, String policy, String at) {
    return """
    {"records": [{"id": "%s",
      "deployment": {"uid": "%s", "namespace": "shop", "kind": "Deployment", "name": "%s",
                     "apiVersion": "apps/v1"},
      "policyId": "%s", "action": "SCALE_TO_ZERO_ENFORCEMENT", "applied": true,
      "message": "scaled Deployment %s from 3 to 0", "at": "%s"}]}
    """
        .formatted(id, uid, name, policy, name, at);
  }

  private JsonNode alertOf(String deployment) {
    JsonNode items = get("/v1/alerts?deployment=" + deployment).get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private JsonNode get(String path) {
    ApiClient.Response response = central.client.get(path, analyst);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body();
  }

  private void evaluate(String uid, String name, Instant at, String policy) {
    AlertSubject subject =
        new AlertSubject(
            UUID.fromString(prod.clusterId()),
            uid,
            "shop",
            "Deployment",
            name,
            Map.of(),
            Map.of(),
            Map.of());
    DetectedViolation violation =
        new DetectedViolation(
            policy,
            "Policy " + policy,
            Severity.HIGH,
            LifecycleStage.DEPLOY,
            List.of("violated"),
            List.of(EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT));
    database
        .jdbi()
        .useTransaction(handle -> reconciler.evaluated(handle, subject, List.of(violation), at));
  }
}
