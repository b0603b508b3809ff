package dev.bulwark.central.alerts;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The alerts API over HTTPS: filters and paging over alerts the reconciler opened, manual
 * resolution, and the sensor's reports of admission denials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertApiTest {
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
    analyst = central.issue("alerts-analyst", "analyst");
    UUID prodId = UUID.fromString(prod.clusterId());
    UUID stagingId = UUID.fromString(staging.clusterId());
    // Last seen one minute apart, in this order: the list shows them newest first.
    evaluate(prodId, "uid-web", "shop", "web", T0, violation("p-high", Severity.HIGH));
    evaluate(
        prodId,
        "uid-db",
        "shop",
        "db",
        T0.plusSeconds(60),
        violation("p-high", Severity.HIGH),
        violation("p-low", Severity.LOW));
    evaluate(
        prodId,
        "uid-api",
        "billing",
        "api",
        T0.plusSeconds(120),
        violation("p-crit", Severity.CRITICAL));
    evaluate(
        stagingId,
        "uid-web2",
        "shop",
        "web",
        T0.plusSeconds(180),
        violation("p-high", Severity.HIGH));
    evaluate(
        prodId, "uid-old", "shop", "old", T0.plusSeconds(240), violation("p-low", Severity.LOW));
    evaluate(prodId, "uid-old", "shop", "old", T0.plusSeconds(300));
  }

  @AfterAll
  void stop() {
    database.close();
    central.close();
  }

  @Test
  void listsAreNewestFirstAndPageThroughEveryAlertOnce() {
    List<String> seen = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          get(
              "/v1/alerts?limit=2&state=ACTIVE&state=RESOLVED&since=2030-01-01T10:00:00Z"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      page.get("items")
          .forEach(item -> {
            ids.add(item.get("id").asText());
            seen.add(
                item.get("deployment").get("name").asText()
                    + "/"
                    + item.get("policy").get("id").asText());
          });
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(6).doesNotHaveDuplicates();
    assertThat(seen.subList(0, 3)).containsExactly("old/p-low", "web/p-high", "api/p-crit");
    assertThat(seen.subList(3, 5)).containsExactlyInAnyOrder("db/p-high", "db/p-low");
    assertThat(seen.get(5)).isEqualTo("web/p-high");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          state=RESOLVED&namespace=shop            | old/p-low
          state=active&namespace=billing           | api/p-crit
          policy=p-high&cluster=PROD               | db/p-high, web/p-high
          cluster=STAGING                          | web/p-high
          severity=LOW                             | old/p-low, db/p-low
          severity=CRITICAL&severity=LOW&state=ACTIVE | api/p-crit, db/p-low
          deployment=uid-db                        | db/p-low, db/p-high
          deployment=web&cluster=PROD              | web/p-high
          since=2030-01-01T10:02:00Z&until=2030-01-01T10:04:00Z | web/p-high, api/p-crit
          since=2030-01-01T11:02:00%2B01:00&until=2030-01-01T12:00:00Z | old/p-low, web/p-high, api/p-crit
          namespace=nowhere                        |
          """)
  void everyFilterNarrowsTheList(String query, @Nullable String expected) {
    String resolved =
        query.replace("PROD", prod.clusterId()).replace("STAGING", staging.clusterId());
    List<String> names = new ArrayList<>();
    get("/v1/alerts?" + resolved)
        .get("items")
        .forEach(item ->
            names.add(
                item.get("deployment").get("name").asText()
                    + "/"
                    + item.get("policy").get("id").asText()));
    if (expected == null) {
      assertThat(names).isEmpty();
    } else {
      assertThat(names).containsExactlyInAnyOrder(expected.split(",\\s*"));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          state=OPEN            | invalid-parameter | 'state'
          severity=urgent       | invalid-parameter | 'severity'
          cluster=prod          | invalid-parameter | 'cluster'
          since=yesterday       | invalid-parameter | 'since'
          until=2030-01-01      | invalid-parameter | 'until'
          namespace=            | invalid-parameter | 'namespace'
          cursor=bm90LWEta2V5   | invalid-cursor    | cursor
          limit=0               | invalid-parameter | limit
          """)
  void badParametersAreNamed(String query, String code, String detail) {
    assertProblem(central.client.get("/v1/alerts?" + query, analyst), 400, code, detail);
  }

  @Test
  void anAlertShowsItsSnapshotPolicyAndState() {
    JsonNode first = get("/v1/alerts?deployment=uid-api").get("items").get(0);
    JsonNode alert = get("/v1/alerts/" + first.get("id").asText());

    assertThat(alert.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(alert.get("stage").asText()).isEqualTo("DEPLOY");
    assertThat(alert.get("clusterName").asText()).isEqualTo("prod");
    assertThat(alert.get("policy").get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(alert.get("deployment").get("labels").get("app").asText()).isEqualTo("api");
    assertThat(alert.get("deployment").get("namespaceAnnotations").get("owner").asText())
        .isEqualTo("billing-team");
    assertThat(alert.get("messages").get(0).asText()).isEqualTo("p-crit is violated");
    assertThat(alert.get("enforcement")).isEmpty();
    assertThat(alert.get("firstSeen").asText()).isEqualTo("2030-01-01T10:02:00Z");
    assertThat(alert.get("resolution").isNull()).isTrue();
    assertThat(alert.get("admission").isNull()).isTrue();

    assertProblem(
        central.client.get("/v1/alerts/" + UUID.randomUUID(), analyst),
        404,
        "not-found",
        "no alert");
    assertProblem(central.client.get("/v1/alerts/123", analyst), 400, "invalid-parameter", "'id'");
  }

  @Test
  void anActiveAlertIsResolvedByHandOnceAndAudited() {
    UUID cluster = UUID.fromString(prod.clusterId());
    // A day before the other alerts, so that the lists above do not see it.
    evaluate(
        cluster,
        "uid-manual",
        "ops",
        "manual",
        T0.minusSeconds(86_400),
        violation("p-manual", Severity.MEDIUM));
    String id = get("/v1/alerts?deployment=manual").get("items").get(0).get("id").asText();
    String path = "/v1/alerts/" + id + "/resolve";

    assertProblem(central.client.post(path, analyst, "{}"), 422, "validation-failed", "/comment");
    assertProblem(
        central.client.post(path, analyst, "{\"comment\": \"   \"}"),
        422,
        "validation-failed",
        "/comment");
    assertProblem(
        central.client.post(path, analyst, "{\"comment\": \"" + "x".repeat(2001) + "\"}"),
        422,
        "validation-failed",
        "2000");
    ApiClient.Response resolved =
        central.client.post(path, analyst, "{\"comment\": \"accepted until the migration\"}");

    assertThat(resolved.status()).as(resolved.raw().body()).isEqualTo(200);
    JsonNode resolution = resolved.body().get("resolution");
    assertThat(resolved.body().get("state").asText()).isEqualTo("RESOLVED");
    assertThat(resolution.get("reason").asText()).isEqualTo("MANUAL");
    assertThat(resolution.get("resolvedBy").asText()).isEqualTo("alerts-analyst");
    assertThat(resolution.get("comment").asText()).isEqualTo("accepted until the migration");
    assertProblem(
        central.client.post(path, analyst, "{\"comment\": \"again\"}"),
        409,
        "conflict",
        "only ACTIVE alerts");
    assertProblem(
        central.client.post(
            "/v1/alerts/" + UUID.randomUUID() + "/resolve", analyst, "{\"comment\": \"x\"}"),
        404,
        "not-found",
        "no alert");

    JsonNode audit = central.client.get("/v1/audit", central.adminToken).body().get("items");
    List<String> entries = new ArrayList<>();
    audit.forEach(entry ->
        entries.add(
            entry.get("path").asText()
                + " "
                + entry.get("status").asText()
                + " "
                + entry.get("targetId").asText()
                + " "
                + entry.get("actor").get("name").asText()));
    assertThat(entries)
        .contains(path + " 200 " + id + " alerts-analyst", path + " 409 " + id + " alerts-analyst");
  }

  @Test
  void aSensorReportsAnAdmissionDenialOnce() {
    ApiClient.Response policy =
        central.client.post(
            "/v1/policies",
            central.adminToken,
            """
            {"name": "No host network", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
             "severity": "CRITICAL_SEVERITY",
             "policySections": [{"policyGroups": [{"fieldName": "Host Network",
                                                   "values": [{"value": "true"}]}]}]}
            """);
    assertThat(policy.status()).as(policy.raw().body()).isEqualTo(201);
    String knownPolicy = policy.body().get("id").asText();
    String report =
        """
        {"requestUid": "req-1", "operation": "CREATE", "time": "2030-01-02T00:00:00Z",
         "object": {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "shop",
                    "name": "denied", "labels": {"app": "denied"}},
         "violations": [
           {"policyId": "%s", "policyName": "what the sensor calls it", "severity": "LOW",
            "messages": ["host network"]},
           {"policyId": "sensor-only", "policyName": "Sensor policy", "severity": "MEDIUM"}]}
        """
            .formatted(knownPolicy);
    String path = "/v1/clusters/" + prod.clusterId() + "/alerts/attempted";

    ApiClient.Response first = central.client.post(path, prod.token(), report);
    ApiClient.Response again = central.client.post(path, prod.token(), report);

    assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
    assertThat(first.body().get("recorded").asInt()).isEqualTo(2);
    assertThat(again.body().get("recorded").asInt()).isZero();
    JsonNode attempted = get("/v1/alerts?state=ATTEMPTED&deployment=denied").get("items");
    assertThat(attempted).hasSize(2);
    List<String> policies = new ArrayList<>();
    attempted.forEach(alert ->
        policies.add(
            alert.get("policy").get("name").asText()
                + "/"
                + alert.get("policy").get("severity").asText()));
    assertThat(policies)
        .as("central's name and severity win for a policy it knows")
        .containsExactlyInAnyOrder("No host network/CRITICAL", "Sensor policy/MEDIUM");
    JsonNode admission = attempted.get(0).get("admission");
    assertThat(admission.get("requestUid").asText()).isEqualTo("req-1");
    assertThat(admission.get("operation").asText()).isEqualTo("CREATE");
    assertThat(admission.get("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(attempted.get(0).get("deployment").get("uid").asText()).isEmpty();

    assertProblem(
        central.client.post(
            "/v1/clusters/" + staging.clusterId() + "/alerts/attempted", prod.token(), report),
        403,
        "wrong-cluster",
        staging.clusterId());
    assertProblem(
        central.client.post(
            "/v1/alerts/" + attempted.get(0).get("id").asText() + "/resolve",
            central.adminToken,
            "{\"comment\": \"x\"}"),
        409,
        "conflict",
        "ATTEMPTED");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"operation": "CREATE", "time": "2030-01-02T00:00:00Z", "object": {"apiVersion": "v1", "kind": "Pod", "name": "p"}, "violations": [{"policyId": "x", "policyName": "X", "severity": "LOW"}]} | /requestUid
          {"requestUid": "r", "operation": "PATCH", "time": "2030-01-02T00:00:00Z", "object": {"apiVersion": "v1", "kind": "Pod", "name": "p"}, "violations": [{"policyId": "x", "policyName": "X", "severity": "LOW"}]} | /operation
          {"requestUid": "r", "operation": "CREATE", "object": {"apiVersion": "v1", "kind": "Pod", "name": "p"}, "violations": [{"policyId": "x", "policyName": "X", "severity": "LOW"}]} | /time
          {"requestUid": "r", "operation": "CREATE", "time": "2030-01-02T00:00:00Z", "violations": [{"policyId": "x", "policyName": "X", "severity": "LOW"}]} | /object
          {"requestUid": "r", "operation": "CREATE", "time": "2030-01-02T00:00:00Z", "object": {"apiVersion": "v1", "kind": "Pod"}, "violations": [{"policyId": "x", "policyName": "X", "severity": "LOW"}]} | /object/name
          {"requestUid": "r", "operation": "CREATE", "time": "2030-01-02T00:00:00Z", "object": {"apiVersion": "v1", "kind": "Pod", "name": "p"}, "violations": []} | /violations
          {"requestUid": "r", "operation": "CREATE", "time": "2030-01-02T00:00:00Z", "object": {"apiVersion": "v1", "kind": "Pod", "name": "p"}, "violations": [{"policyId": "unknown-here"}]} | /violations/0/policyName
          {"requestUid": "r", "operation": "CREATE", "time": "2030-01-02T00:00:00Z", "object": {"apiVersion": "v1", "kind": "Pod", "name": "p"}, "violations": [{"policyId": "x", "policyName": "X", "severity": "SEVERE"}]} | /violations/0/severity
          {"requestUid": "r", "operation": "CREATE", "time": "yesterday", "object": {"apiVersion": "v1", "kind": "Pod", "name": "p"}, "violations": [{"policyId": "x", "policyName": "X", "severity": "LOW"}]} | /time
          {"requestUid": "r", "operation": "CREATE", "time": "2030-01-02T00:00:00Z", "object": {"apiVersion": "v1", "kind": "Pod", "name": "p", "labels": {"a": null}}, "violations": [{"policyId": "x", "policyName": "X", "severity": "LOW"}]} | /object/labels
          """)
  void aBadReportIsRefusedNamingTheField(String body, String pointer) {
    ApiClient.Response response =
        central.client.post(
            "/v1/clusters/" + prod.clusterId() + "/alerts/attempted", prod.token(), body);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(422);
    assertThat(response.body().get("type").asText())
        .isEqualTo("urn:bulwark:problem:validation-failed");
    List<String> pointers = new ArrayList<>();
    response.body().get("errors").forEach(error -> pointers.add(error.get("pointer").asText()));
    assertThat(pointers).contains(pointer);
  }

  @Test
  void theSummaryCountsEveryStateAndSeverity() {
    JsonNode summary = get("/v1/alerts/summary");
    assertThat(summary.fieldNames()).toIterable().contains("ACTIVE", "RESOLVED", "ATTEMPTED");
    assertThat(summary.get("ACTIVE").get("CRITICAL").asInt()).isEqualTo(1);
    assertThat(summary.get("ACTIVE").get("HIGH").asInt()).isEqualTo(3);
    assertThat(summary.get("RESOLVED").get("LOW").asInt()).isGreaterThanOrEqualTo(1);
  }

  private JsonNode get(String path) {
    ApiClient.Response response = central.client.get(path, analyst);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body();
  }

  private void evaluate(
      UUID cluster,
      String uid,
      String namespace,
      String name,
      Instant at,
      DetectedViolation... violations) {
    AlertSubject subject =
        new AlertSubject(
            cluster,
            uid,
            namespace,
            "Deployment",
            name,
            Map.of("app", name),
            Map.of(),
            Map.of("owner", namespace + "-team"));
    database
        .jdbi()
        .useTransaction(handle -> reconciler.evaluated(handle, subject, List.of(violations), at));
  }

  private static DetectedViolation violation(String policy, Severity severity) {
    return new DetectedViolation(
        policy,
        "Policy " + policy,
        severity,
        LifecycleStage.DEPLOY,
        List.of(policy + " is violated"),
        List.of());
  }
}
