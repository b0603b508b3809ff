package dev.bulwark.central.detect;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.server.CentralServer;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.RawHttps;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.detect.deploy.Blocking;
import dev.bulwark.detect.deploy.CheckRun;
import dev.bulwark.detect.deploy.PodSecurityAdmission;
import dev.bulwark.detect.report.Report;
import dev.bulwark.detect.report.ReportFormat;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectApiTest {
  private static final int LIMIT = 64 * 1024;

  private static final String HOST_NETWORK =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
      spec:
        template:
          spec:
            hostNetwork: true
            containers:
              - name: app
                image: registry.example.com/web:1.0
      """;

  private static final String CLEAN =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
        namespace: shop
      spec:
        template:
          spec:
            containers:
              - name: app
                image: registry.example.com/api:1.0
      """;

  private static final String PRIVILEGED =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: root
      spec:
        containers:
          - name: app
            image: registry.example.com/root:1.0
            securityContext:
              privileged: true
      """;

  @TempDir static Path data;

  private TestServer central;
  private String ci;
  private String hostNetworkId;

  @BeforeAll
  void start() {
    central =
        TestServer.start(
            data,
            TestDatabases.fresh(),
            settings -> TestServer.withMaxRequestBytes(settings, LIMIT));
    // Only this test's policies: the seeded built-in ones would add violations of their own.
    TestDatabases.execute(central.database, "DELETE FROM policies");
    ci = central.issue("pipeline", "ci");
    hostNetworkId = create(policy("host network", "Host Network", "true"));
    String privileged = create(policy("privileged", "Privileged Container", "true"));
    assertThat(
            central
                .client
                .post("/v1/policies/" + privileged + "/disable", central.adminToken, "{}")
                .status())
        .isEqualTo(200);
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @Test
  void aViolatingManifestIsReportedAsTheCliReportsIt() {
    ApiClient.Response response = deploy("/v1/detect/deploy?name=web.yaml", ci, HOST_NETWORK);

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    JsonNode report = response.body();
    assertThat(report.get("version").asText()).isEqualTo("1");
    assertThat(report.get("summary").get("objects").asInt()).isEqualTo(1);
    JsonNode violation = report.get("results").get(0).get("violations").get(0);
    assertThat(violation.get("policy").asText()).isEqualTo("host network");
    assertThat(violation.get("file").asText()).isEqualTo("web.yaml");
    assertThat(violation.get("line").asInt()).isEqualTo(9);
  }

  @Test
  void aCleanManifestHasNoViolation() {
    ApiClient.Response response = deploy("/v1/detect/deploy", ci, CLEAN);

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    assertThat(response.body().get("summary").get("violations").asInt()).isZero();
    assertThat(response.body().get("results").get(0).get("object").get("file").asText())
        .isEqualTo("request");
  }

  @Test
  void jsonManifestsAreChecked() {
    String pod =
        """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
         "spec": {"hostNetwork": true, "containers": [{"name": "c", "image": "nginx:1"}]}}
        """;
    ApiClient.Response response =
        central.client.post(
            "/v1/detect/deploy", ci, "application/json", pod.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    assertThat(response.body().get("summary").get("violations").asInt()).isEqualTo(1);
  }

  @Test
  void multipartPartsAreSourcesNamedByTheirFileNames() {
    ApiClient.Response response =
        multipart(
            List.of(new Part("deploy/web.yaml", HOST_NETWORK), new Part("deploy/api.yaml", CLEAN)));

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    JsonNode results = response.body().get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("object").get("file").asText()).isEqualTo("deploy/web.yaml");
    assertThat(results.get(0).get("violations").get(0).get("file").asText())
        .isEqualTo("deploy/web.yaml");
    assertThat(results.get(1).get("object").get("file").asText()).isEqualTo("deploy/api.yaml");
  }

  @Test
  void malformedYamlIsA422WithTheLine() {
    ApiClient.Response response =
        deploy("/v1/detect/deploy?name=broken.yaml", ci, "kind: Pod\nmetadata: [\n  name: x\n");

    assertProblem(response, 422, "invalid-manifests", "broken.yaml:");
    assertThat(response.body().get("detail").asText()).containsPattern("broken\\.yaml:\\d+:\\d+: ");
  }

  @Test
  void noObjectIsA422() {
    assertProblem(deploy("/v1/detect/deploy", ci, "# nothing\n"), 422, "no-objects", "nothing");
  }

  @Test
  void aBodyOverTheLimitIsA413() {
    String large = CLEAN + "# " + "x".repeat(LIMIT) + "\n";
    // Central may answer before the body is all sent and close: a raw exchange still reads the
    // answer where an HTTP client can report the broken connection instead.
    RawHttps.Response response =
        RawHttps.exchange(
            central.server.started().certificate(),
            central.port(),
            "POST /v1/detect/deploy HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + ci
                + "\r\nContent-Type: application/yaml\r\nContent-Length: "
                + large.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n"
                + large);

    assertThat(response.status()).as(response.body()).isEqualTo(413);
  }

  @Test
  void anotherMediaTypeIsA415() {
    ApiClient.Response response =
        central.client.post(
            "/v1/detect/deploy", ci, "text/plain", CLEAN.getBytes(StandardCharsets.UTF_8));

    assertProblem(response, 415, "unsupported-media-type", "text/plain");
  }

  @Test
  void aPartWithoutAFileNameIsA422() {
    String boundary = "b0undary";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
            + CLEAN
            + "\r\n--"
            + boundary
            + "--\r\n";
    ApiClient.Response response =
        central.client.post(
            "/v1/detect/deploy",
            ci,
            "multipart/form-data; boundary=" + boundary,
            body.getBytes(StandardCharsets.UTF_8));

    assertProblem(response, 422, "invalid-part", "no file name");
  }

  @Test
  void onlyRolesWithDetectMayCheck() {
    TestServer.Sensor sensor = central.register("detect-cluster");

    assertThat(deploy("/v1/detect/deploy", null, CLEAN).status()).isEqualTo(401);
    assertThat(deploy("/v1/detect/deploy", sensor.token(), CLEAN).status()).isEqualTo(403);
    assertThat(deploy("/v1/detect/deploy", ci, CLEAN).status()).isEqualTo(200);
    assertThat(deploy("/v1/detect/deploy", central.issue("analyst", "analyst"), CLEAN).status())
        .isEqualTo(200);
    assertThat(deploy("/v1/detect/deploy", central.adminToken, CLEAN).status()).isEqualTo(200);
  }

  @Test
  void disabledPoliciesAreNotUsed() {
    ApiClient.Response response = deploy("/v1/detect/deploy", ci, PRIVILEGED);

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    assertThat(response.body().get("summary").get("violations").asInt()).isZero();
  }

  @Test
  void aPolicyChangeIsUsedByTheNextRequest() {
    assertThat(
            deploy("/v1/detect/deploy", ci, PRIVILEGED)
                .body()
                .get("summary")
                .get("violations")
                .asInt())
        .isZero();
    String added = create(policy("privileged again", "Privileged Container", "true"));
    try {
      assertThat(
              deploy("/v1/detect/deploy", ci, PRIVILEGED)
                  .body()
                  .get("summary")
                  .get("violations")
                  .asInt())
          .isEqualTo(1);
    } finally {
      assertThat(central.client.delete("/v1/policies/" + added, central.adminToken).status())
          .isEqualTo(204);
    }
    assertThat(
            deploy("/v1/detect/deploy", ci, PRIVILEGED)
                .body()
                .get("summary")
                .get("violations")
                .asInt())
        .isZero();
  }

  @Test
  void anExceptionInForceShowsTheViolationWaivedAndAnExpiredOneDoesNot() {
    String active =
        exception(
            """
            {"name": "shop-host-network", "policies": ["host network"],
             "scope": {"namespaces": ["shop"]}, "owner": "team-shop", "reason": "migrating"}
            """);
    try {
      JsonNode report = deploy("/v1/detect/deploy", ci, HOST_NETWORK).body();
      JsonNode violation = report.get("results").get(0).get("violations").get(0);
      assertThat(violation.get("waived").asBoolean()).isTrue();
      assertThat(violation.at("/waiver/kind").asText()).isEqualTo("exception");
      assertThat(violation.at("/waiver/name").asText()).isEqualTo("shop-host-network");
      assertThat(report.at("/summary/waived").asInt()).isEqualTo(1);
    } finally {
      deleteException(active);
    }
    String expired =
        exception(
            """
            {"name": "shop-host-network-old", "policies": ["host network"],
             "owner": "team-shop", "reason": "was migrating", "expires": "2001-01-01"}
            """);
    try {
      JsonNode report = deploy("/v1/detect/deploy", ci, HOST_NETWORK).body();
      assertThat(report.get("results").get(0).get("violations").get(0).get("waived").asBoolean())
          .isFalse();
      assertThat(report.at("/summary/waived").asInt()).isZero();
    } finally {
      deleteException(expired);
    }
  }

  @Test
  void theAnswerIsWhatTheDetectLibraryReportsForTheSameInputsAndPolicies() throws IOException {
    List<ManifestSource> sources =
        List.of(
            ManifestSource.TextSource.direct("a.yaml", HOST_NETWORK),
            ManifestSource.TextSource.direct("b.yaml", CLEAN + "---\n" + PRIVILEGED));
    String stored =
        central.client.get("/v1/policies/" + hostNetworkId, central.adminToken).raw().body();
    List<Policy> enabled = PolicyReader.parse(stored, "stored");
    Report report =
        new CheckRun(
                PolicyCompiler.compile(enabled, List.of()),
                new ManifestReader(ReadLimits.DEFAULT),
                new Blocking(null),
                ImageDataProvider.NONE,
                "",
                Instant.now(),
                Set.copyOf(PodSecurityAdmission.POLICY_IDS))
            .run(CentralServer.version(), sources, List.of(), List.of());
    StringWriter expected = new StringWriter();
    ReportFormat.JSON.writer(false).write(report, expected);

    ApiClient.Response response =
        multipart(
            List.of(
                new Part("a.yaml", HOST_NETWORK),
                new Part("b.yaml", CLEAN + "---\n" + PRIVILEGED)));

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    assertThat(response.raw().body()).isEqualTo(expected.toString());
  }

  private record Part(String fileName, String text) {}

  private ApiClient.Response multipart(List<Part> parts) {
    String boundary = "bulwark-test-boundary";
    StringBuilder body = new StringBuilder();
    for (Part part : parts) {
      body.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
          .append(part.fileName())
          .append("\"\r\nContent-Type: application/yaml\r\n\r\n")
          .append(part.text())
          .append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    return central.client.post(
        "/v1/detect/deploy",
        ci,
        "multipart/form-data; boundary=" + boundary,
        body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private ApiClient.Response deploy(String path, @Nullable String token, String yaml) {
    return central.client.post(
        path, token, "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private String exception(String json) {
    ApiClient.Response created = central.client.post("/v1/exceptions", central.adminToken, json);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private void deleteException(String id) {
    assertThat(central.client.delete("/v1/exceptions/" + id, central.adminToken).status())
        .isEqualTo(204);
  }

  private String create(String policyJson) {
    ApiClient.Response created =
        central.client.post("/v1/policies", central.adminToken, policyJson);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.body().get("id").asText();
  }

  private static String policy(String name, String field, String value) {
    return """
    {"name": "%s", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
     "severity": "HIGH_SEVERITY",
     "policySections": [{"policyGroups": [{"fieldName": "%s",
                                           "values": [{"value": "%s"}]}]}]}
    """
        .formatted(name, field, value);
  }
}
