package dev.bulwark.central.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.server.ImageScanSettings;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.ExternalPostgres;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.central.testing.VulnerableImage;
import dev.bulwark.testsupport.registry.LocalRegistries;
import dev.bulwark.testsupport.registry.RealRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/detect/build} against a real registry (Debian's docker-registry, the image pushed
 * with skopeo): central pulls the image, scans it, matches it against a database imported from the
 * conformance OSV records and fires its build policies. The image has {@code ansible-core 2.16.1}
 * (PYSEC-2024-36, fixed in 2.16.3) and the label {@code stage=experimental}.
 */
@RealRegistry
class DetectBuildIT {
  @TempDir static Path directory;
  private static String image = "";
  private static final List<TestServer> servers = new ArrayList<>();
  // Integration tests run from the packaged jar, whose lib/ holds the embedded binaries a second
  // time: they use Debian's PostgreSQL, as OpenApiFuzzIT does.
  private static ExternalPostgres postgres;
  private static TestServer withDatabase;
  private static TestServer withoutDatabase;

  @BeforeAll
  static void pushImageImportDatabaseAndStartCentral(LocalRegistries registries) throws Exception {
    Path layout = directory.resolve("layout");
    VulnerableImage.builder().label("stage", "experimental").writeLayout(layout, "1.0");
    image = registries.anonymous().push(layout, "1.0", "team/app:1.0");
    Path database = VulnerableImage.database(directory.resolve("db"));
    postgres = ExternalPostgres.start();
    withDatabase = start("with-db", database);
    withoutDatabase = start("without-db", null);
  }

  private static TestServer start(String name, @Nullable Path database) {
    String registry = image.substring(0, image.indexOf('/'));
    TestServer central =
        TestServer.start(
            directory.resolve(name),
            postgres.fresh(),
            settings ->
                TestServer.withImageScans(
                    settings,
                    new ImageScanSettings(
                        database,
                        List.of(registry),
                        directory.resolve(name + "-layers"),
                        ImageScanSettings.DEFAULT_CONCURRENCY,
                        ImageScanSettings.DEFAULT_DEADLINE,
                        false,
                        ImageScanSettings.DEFAULT_RESCAN_INTERVAL)));
    servers.add(central);
    // Only this test's policies: the seeded built-in ones would add results of their own.
    TestDatabases.execute(central.database, "DELETE FROM policies");
    create(central, policy("experimental label", "Disallowed Image Label", "stage=experimental"));
    create(central, policy("fixable vulnerability", "Fixed By", ".*"));
    return central;
  }

  @AfterAll
  static void stop() {
    servers.forEach(TestServer::close);
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void centralPullsScansAndFiresItsBuildPolicies() {
    JsonNode report = build(withDatabase);

    assertThat(report.get("image").get("reference").asText()).isEqualTo(image);
    assertThat(report.get("image").get("digest").asText()).startsWith("sha256:");
    assertThat(report.get("image").get("os").asText()).isEqualTo("debian:12");
    assertThat(report.get("vulnerabilities").get("checked").asBoolean()).isTrue();
    assertThat(status(report, "experimental label")).isEqualTo("VIOLATED");
    assertThat(status(report, "fixable vulnerability")).isEqualTo("VIOLATED");
    assertThat(report.get("summary").get("failing").asInt()).isEqualTo(2);
    assertThat(report.get("buildFails").asBoolean()).isTrue();
  }

  @Test
  void withoutADatabaseVulnerabilityCriteriaAreNotEvaluatedAndSaidSo() {
    JsonNode report = build(withoutDatabase);

    assertThat(report.get("vulnerabilities").get("checked").asBoolean()).isFalse();
    assertThat(status(report, "experimental label")).isEqualTo("VIOLATED");
    assertThat(status(report, "fixable vulnerability")).isEqualTo("NOT_EVALUATED");
    assertThat(report.get("notes").toString()).contains("central has no vulnerability database");
  }

  private static JsonNode build(TestServer central) {
    String ci = central.issue("pipeline-" + System.nanoTime(), "ci");
    ApiClient.Response response =
        central.client.post("/v1/detect/build", ci, "{\"image\": \"" + image + "\"}");
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body();
  }

  private static String status(JsonNode report, String policy) {
    for (JsonNode result : report.get("policies")) {
      if (result.get("name").asText().equals(policy)) {
        return result.get("status").asText();
      }
    }
    throw new AssertionError("no result for " + policy + " in " + report);
  }

  private static void create(TestServer central, String policyJson) {
    ApiClient.Response created =
        central.client.post("/v1/policies", central.adminToken, policyJson);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
  }

  private static String policy(String name, String field, String value) {
    return """
    {"name": "%s", "categories": ["Test"], "lifecycleStages": ["BUILD"],
     "severity": "HIGH_SEVERITY", "enforcementActions": ["FAIL_BUILD_ENFORCEMENT"],
     "policySections": [{"policyGroups": [{"fieldName": "%s",
                                           "values": [{"value": "%s"}]}]}]}
    """
        .formatted(name, field, value);
  }
}
