package dev.bulwark.central.inventory;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.RawHttps;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestionApiTest {
  private static final int BODY_LIMIT = 1024 * 1024;

  @TempDir static Path data;

  private TestServer central;
  private TestServer.Sensor sensor;

  @BeforeAll
  void start() {
    // A small body limit, so that refusing an oversized body does not race a client still
    // sending megabytes.
    central =
        TestServer.start(
            data,
            TestDatabases.fresh(),
            settings -> TestServer.withMaxRequestBytes(settings, BODY_LIMIT));
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @BeforeEach
  void newCluster() {
    sensor = central.register("ingest-" + System.nanoTime());
  }

  @Test
  void upsertsAndDeletesAreAppliedAndAcknowledged() {
    ApiClient.Response first =
        changes(
            1,
            upsert(Kube.namespace("shop", "ns1")),
            upsert(Kube.deployment("shop", "web", "d1", false)),
            upsert(Kube.deployment("shop", "api", "d2", false)));
    assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
    assertThat(first.body().get("acknowledged").asLong()).isEqualTo(1);

    ApiClient.Response second = changes(2, delete("apps/v1", "Deployment", "shop", "api", "d2"));
    assertThat(second.status()).as(second.raw().body()).isEqualTo(200);

    assertThat(state()).isEqualTo("{\"acknowledged\":2,\"objects\":2}");
    assertThat(column("SELECT name FROM deployments WHERE cluster_id = '%s'"))
        .containsExactly("web");
    assertThat(column("SELECT name FROM namespaces WHERE cluster_id = '%s'"))
        .containsExactly("shop");
  }

  @Test
  void aReplayedBatchIsAcknowledgedAgainButNotApplied() {
    changes(1, upsert(Kube.deployment("shop", "web", "d1", false)));
    changes(2, delete("apps/v1", "Deployment", "shop", "web", "d1"));

    ApiClient.Response replay = changes(1, upsert(Kube.deployment("shop", "web", "d1", false)));

    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.body().get("acknowledged").asLong()).isEqualTo(1);
    assertThat(state()).isEqualTo("{\"acknowledged\":2,\"objects\":0}");
  }

  @Test
  void aResyncDeletesTheObjectsItDoesNotList() {
    changes(
        1,
        upsert(Kube.deployment("shop", "web", "d1", false)),
        upsert(Kube.deployment("shop", "old", "d2", false)));

    ApiClient.Response resync =
        resync(
            "{\"sequence\": 7, \"objects\": ["
                + Kube.deployment("shop", "web", "d1", false)
                + ", "
                + Kube.namespace("shop", "ns1")
                + "]}");

    assertThat(resync.status()).as(resync.raw().body()).isEqualTo(200);
    assertThat(resync.body().get("acknowledged").asLong()).isEqualTo(7);
    assertThat(state()).isEqualTo("{\"acknowledged\":7,\"objects\":2}");
    assertThat(column("SELECT name FROM deployments WHERE cluster_id = '%s'"))
        .containsExactly("web");
  }

  @Test
  void anotherClustersTokenIsRefused() {
    TestServer.Sensor other = central.register("other-" + System.nanoTime());

    ApiClient.Response response =
        central.client.post(
            "/v1/clusters/" + sensor.clusterId() + "/inventory/changes",
            other.token(),
            "{\"sequence\": 1, \"changes\": []}");

    assertProblem(response, 403, "wrong-cluster", other.clusterId());
    assertProblem(
        central.client.get(
            "/v1/clusters/" + sensor.clusterId() + "/inventory/state", other.token()),
        403,
        "wrong-cluster",
        sensor.clusterId());
  }

  @Test
  void anObjectWithoutUidIsRefusedNamingTheChange() {
    String noUid =
        """
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"namespace": "a", "name": "b"}}
        """;

    ApiClient.Response response = changes(1, upsert(Kube.namespace("a", "ns1")), upsert(noUid));

    assertProblem(response, 422, "validation-failed", "/changes/1/object/metadata/uid");
    assertThat(response.body().get("detail").asText()).contains("uid");
    assertThat(state()).isEqualTo("{\"acknowledged\":0,\"objects\":0}");
  }

  @Test
  void malformedChangesAreRefusedWithTheirIndexAndField() {
    ApiClient.Response response =
        changes(
            1,
            "{\"action\": \"PATCH\", \"object\": " + Kube.namespace("a", "n") + "}",
            "{\"action\": \"UPSERT\", \"object\": [1]}",
            "{\"action\": \"UPSERT\", \"object\": {\"apiVersion\": 1, \"kind\": \"Pod\","
                + " \"metadata\": {\"name\": \"x\", \"uid\": \"u\"}}}",
            "{\"action\": \"UPSERT\", \"object\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
                + " \"metadata\": {\"name\": \"x\", \"uid\": \"u\", \"ownerReferences\": {}}}}",
            "{\"action\": \"UPSERT\", \"object\": {\"apiVersion\": \"v1\", \"kind\": \"Pod\","
                + " \"metadata\": {\"name\": \"x\\u0000\", \"uid\": \"v\"}}}");

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.body().get("errors").toString())
        .contains("/changes/0/action")
        .contains("/changes/1/object")
        .contains("/changes/2/object/apiVersion")
        .contains("/changes/3/object/metadata/ownerReferences")
        .contains("/changes/4/object");
    assertProblem(
        central.client.post(
            "/v1/clusters/" + sensor.clusterId() + "/inventory/changes",
            sensor.token(),
            "{\"changes\": []}"),
        422,
        "validation-failed",
        "/sequence");
  }

  @Test
  void tooManyChangesAreRefusedNamingTheFirstOneOver() {
    List<String> many =
        new ArrayList<>(
            Collections.nCopies(
                IngestionApi.MAX_CHANGES + 1, delete("v1", "ConfigMap", "a", "b", "u")));

    ApiClient.Response response = changes(1, many.toArray(String[]::new));

    assertProblem(response, 422, "validation-failed", "/changes/" + IngestionApi.MAX_CHANGES);
  }

  @Test
  void secretDataManagedFieldsAndLastAppliedCopiesAreNeverStored() {
    String secret =
        """
        {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
         "metadata": {"namespace": "a", "name": "db", "uid": "s1",
                      "annotations": {"kubectl.kubernetes.io/last-applied-configuration":
                                        "{\\"data\\": {\\"password\\": \\"aHVudGVyMg==\\"}}",
                                      "team": "a"},
                      "managedFields": [{"manager": "kubectl"}]},
         "data": {"password": "aHVudGVyMg=="}, "stringData": {"token": "hunter2"}}
        """;

    assertThat(changes(1, upsert(secret)).status()).isEqualTo(200);

    List<String> stored =
        column("SELECT object::text FROM inventory_objects WHERE cluster_id = '%s'");
    assertThat(stored).hasSize(1);
    assertThat(stored.getFirst())
        .doesNotContain("aHVudGVyMg==")
        .doesNotContain("hunter2")
        .doesNotContain("managedFields")
        .doesNotContain("last-applied")
        .contains("\"team\": \"a\"");
  }

  @Test
  void aBodyOverTheLimitIsRefused() throws Exception {
    String body =
        "{\"sequence\": 1, \"changes\": [{\"action\": \"UPSERT\", \"object\": {\"big\": \""
            + "x".repeat(BODY_LIMIT * 2)
            + "\"}}]}";
    // Central may answer before the body is all sent and close: a raw exchange still reads the
    // answer where an HTTP client would report the broken pipe.
    RawHttps.Response response =
        RawHttps.exchange(
            central.server.started().certificate(),
            central.port(),
            "POST /v1/clusters/"
                + sensor.clusterId()
                + "/inventory/changes HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + sensor.token()
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body);

    assertThat(response.status()).as(response.body()).isEqualTo(413);
    JsonNode problem = new ObjectMapper().readTree(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:bulwark:problem:body-too-large");
    assertThat(problem.get("detail").asText()).contains("limit");
  }

  @Test
  void aResyncIsCheckedAsItIsReadAndABadOneChangesNothing() {
    assertThat(
            resync("{\"sequence\": 1, \"objects\": [" + Kube.namespace("a", "n1") + "]}").status())
        .isEqualTo(200);
    String valid = Kube.namespace("b", "n2");

    assertProblem(
        resync("{\"sequence\": 2, \"objects\": [" + valid + ", {\"apiVersion\": "),
        400,
        "invalid-json",
        "not valid JSON");
    assertProblem(resync("{\"sequence\": 2, \"objects\": []} {}"), 400, "invalid-json", "trailing");
    assertProblem(
        resync("{\"sequence\": 2, \"sequence\": 3, \"objects\": []}"),
        400,
        "invalid-json",
        "sequence");
    assertProblem(resync(""), 400, "body-missing", "JSON body");
    assertProblem(resync("[]"), 422, "validation-failed", "JSON object");
    assertProblem(
        resync("{\"sequence\": \"2\", \"objects\": []}"), 422, "validation-failed", "/sequence");
    assertProblem(
        resync("{\"sequence\": 99999999999999999999, \"objects\": []}"),
        422,
        "validation-failed",
        "/sequence");
    assertProblem(
        resync("{\"sequence\": 2, \"objects\": {}}"), 422, "validation-failed", "/objects");
    assertProblem(resync("{\"sequence\": 2}"), 422, "validation-failed", "/objects");
    assertProblem(
        resync("{\"sequence\": 2, \"objects\": [], \"extra\": 1}"),
        422,
        "validation-failed",
        "unknown field 'extra'");
    ApiClient.Response invalidObject =
        resync("{\"sequence\": 2, \"objects\": [" + valid + ", {\"kind\": \"Pod\"}]}");
    assertProblem(invalidObject, 422, "validation-failed", "invalid");
    assertThat(invalidObject.body().get("errors").findValuesAsText("pointer"))
        .isNotEmpty()
        .allMatch(pointer -> pointer.startsWith("/objects/1/"));

    assertThat(state()).isEqualTo("{\"acknowledged\":1,\"objects\":1}");
  }

  @Test
  void aStreamedResyncOverTheLimitIsRefusedWithoutAContentLength() throws Exception {
    String body =
        "{\"sequence\": 1, \"objects\": [{\"big\": \"" + "x".repeat(BODY_LIMIT * 2) + "\"}]}";
    // Chunked: the size is only known by counting what arrives.
    RawHttps.Response response =
        RawHttps.exchange(
            central.server.started().certificate(),
            central.port(),
            "PUT /v1/clusters/"
                + sensor.clusterId()
                + "/inventory HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + sensor.token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                + "\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length())
                + "\r\n"
                + body
                + "\r\n0\r\n\r\n");

    assertThat(response.status()).as(response.body()).isEqualTo(413);
    assertThat(new ObjectMapper().readTree(response.body()).get("type").asText())
        .isEqualTo("urn:bulwark:problem:body-too-large");
    assertThat(state()).isEqualTo("{\"acknowledged\":0,\"objects\":0}");
  }

  @Test
  void aGzippedResyncIsInflatedAndTheLimitCountsTheInflatedBytes() throws Exception {
    String body = "{\"sequence\": 1, \"objects\": [" + Kube.namespace("a", "n1") + "]}";

    ApiClient.Response accepted = resync(gzip(body.getBytes(StandardCharsets.UTF_8)), "gzip");
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
    assertThat(state()).isEqualTo("{\"acknowledged\":1,\"objects\":1}");

    // A few kilobytes that inflate past the limit: refused once the limit is passed.
    byte[] bomb =
        gzip(
            ("{\"sequence\": 2, \"objects\": [" + " ".repeat(BODY_LIMIT * 4) + "]}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(bomb.length).isLessThan(BODY_LIMIT / 100);
    assertProblem(resync(bomb, "gzip"), 413, "body-too-large", "limit");
    assertProblem(
        resync("not gzip".getBytes(StandardCharsets.UTF_8), "gzip"),
        400,
        "body-unreadable",
        "gzip");
    assertProblem(
        resync(body.getBytes(StandardCharsets.UTF_8), "br"), 415, "unsupported-media-type", "br");
    assertThat(state()).isEqualTo("{\"acknowledged\":1,\"objects\":1}");
  }

  private ApiClient.Response changes(long sequence, String... changes) {
    return central.client.post(
        "/v1/clusters/" + sensor.clusterId() + "/inventory/changes",
        sensor.token(),
        "{\"sequence\": " + sequence + ", \"changes\": [" + String.join(",", changes) + "]}");
  }

  private ApiClient.Response resync(String body) {
    return resync(body.getBytes(StandardCharsets.UTF_8), "identity");
  }

  private ApiClient.Response resync(byte[] body, String encoding) {
    return central.client.send(
        central
            .client
            .request("/v1/clusters/" + sensor.clusterId() + "/inventory", sensor.token())
            .header("Content-Type", "application/json")
            .header("Content-Encoding", encoding)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
      out.write(bytes);
    }
    return compressed.toByteArray();
  }

  private String state() {
    ApiClient.Response response =
        central.client.get(
            "/v1/clusters/" + sensor.clusterId() + "/inventory/state", sensor.token());
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body().toString();
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

  private List<String> column(String sql) {
    try (Connection connection =
            DriverManager.getConnection(
                central.database.url(), central.database.user(), central.database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql.formatted(sensor.clusterId()))) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }
}
