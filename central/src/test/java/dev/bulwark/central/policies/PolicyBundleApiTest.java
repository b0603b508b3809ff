package dev.bulwark.central.policies;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.Conformance;
import dev.bulwark.central.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyBundleApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STACKROX_DEFAULT_POLICIES = 89;

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
  void theStackRoxDefaultPoliciesImportExportAndReimportUnchanged() throws IOException {
    List<JsonNode> originals = stackRoxDefaults();
    assertThat(originals).hasSize(STACKROX_DEFAULT_POLICIES);
    ObjectNode bundle = JSON.createObjectNode();
    bundle.putArray("policies").addAll(originals);

    JsonNode imported = importBundle("", bundle.toString());

    assertThat(imported.at("/totals/created").asInt())
        .as(imported.toString())
        .isEqualTo(STACKROX_DEFAULT_POLICIES);
    assertThat(imported.get("dryRun").asBoolean()).isFalse();

    StringBuilder query = new StringBuilder();
    for (JsonNode original : originals) {
      query.append(query.isEmpty() ? "?" : "&").append("id=").append(original.get("id").asText());
    }
    ApiClient.Response exported =
        central.client.get("/v1/policies/export" + query, central.adminToken);
    assertThat(exported.status()).as(exported.raw().body()).isEqualTo(200);
    JsonNode policies = exported.body().get("policies");
    assertThat(policies).hasSize(STACKROX_DEFAULT_POLICIES);
    JsonNode apt =
        originals.stream()
            .filter(policy -> policy.get("name").asText().equals("Ubuntu Package Manager in Image"))
            .findFirst()
            .orElseThrow();
    JsonNode aptExported =
        Stream.of(policies)
            .flatMap(array -> toList(array).stream())
            .filter(policy -> policy.get("id").equals(apt.get("id")))
            .findFirst()
            .orElseThrow();
    for (String field :
        List.of("id", "name", "description", "categories", "severity", "policySections")) {
      assertThat(aptExported.get(field)).as(field).isEqualTo(apt.get(field));
    }

    JsonNode again = importBundle("", exported.raw().body());
    assertThat(again.at("/totals/unchanged").asInt())
        .as(again.toString())
        .isEqualTo(STACKROX_DEFAULT_POLICIES);
    JsonNode originalsAgain = importBundle("", bundle.toString());
    assertThat(originalsAgain.at("/totals/unchanged").asInt())
        .as(originalsAgain.toString())
        .isEqualTo(STACKROX_DEFAULT_POLICIES);

    ApiClient.Response all = central.client.get("/v1/policies/export", central.adminToken);
    assertThat(all.body().get("policies").size()).isGreaterThanOrEqualTo(STACKROX_DEFAULT_POLICIES);
  }

  @Test
  void takenIdsAndNamesAreConflictsUnlessOverwriting() {
    JsonNode first = importBundle("", bundleOf(policy("conflict-1", "Conflict Name A", "LOW")));
    assertThat(first.at("/results/0/status").asText()).isEqualTo("created");

    JsonNode sameIdChanged =
        importBundle("", bundleOf(policy("conflict-1", "Conflict Name A", "HIGH")));
    assertThat(sameIdChanged.at("/results/0/status").asText()).isEqualTo("conflict");
    assertThat(sameIdChanged.at("/results/0/conflicts/0/field").asText()).isEqualTo("id");
    JsonNode sameNameOtherId =
        importBundle("", bundleOf(policy("conflict-2", "Conflict Name A", "LOW")));
    assertThat(sameNameOtherId.at("/results/0/status").asText()).isEqualTo("conflict");
    assertThat(sameNameOtherId.at("/results/0/conflicts/0").toString())
        .contains("\"field\":\"name\"", "\"policyId\":\"conflict-1\"");

    JsonNode overwritten =
        importBundle(
            "?overwrite=true", bundleOf(policy("conflict-2", "Conflict Name A", "CRITICAL")));
    assertThat(overwritten.at("/results/0/status").asText()).isEqualTo("updated");
    assertThat(central.client.get("/v1/policies/conflict-1", central.adminToken).status())
        .isEqualTo(404);
    assertThat(
            central
                .client
                .get("/v1/policies/conflict-2", central.adminToken)
                .body()
                .get("severity")
                .asText())
        .isEqualTo("CRITICAL_SEVERITY");
  }

  @Test
  void aDryRunReportsWithoutStoring() {
    JsonNode dryRun =
        importBundle(
            "?dryRun=true",
            bundleOf(policy("dry-1", "Dry Run One", "LOW"), policy("dry-2", "Dry Run Two", "LOW")));

    assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
    assertThat(dryRun.at("/totals/created").asInt()).isEqualTo(2);
    assertProblem(
        central.client.get("/v1/policies/dry-1", central.adminToken), 404, "not-found", "dry-1");
  }

  @Test
  void invalidPoliciesAreReportedPerPolicyAndTheOthersStored() {
    String broken =
        """
        {"id": "invalid-1", "name": "Invalid One", "categories": ["Test"],
         "lifecycleStages": ["DEPLOY"], "severity": "LOW_SEVERITY",
         "policySections": [{"policyGroups": [{"fieldName": "No Such Criterion",
                                               "values": [{"value": "true"}]}]}]}
        """;
    JsonNode result =
        importBundle(
            "",
            bundleOf(
                broken,
                policy("valid-1", "Valid One", "LOW"),
                policy("valid-2", "Valid One", "LOW")));

    assertThat(result.at("/results/0/status").asText()).isEqualTo("invalid");
    assertThat(result.at("/results/0/id").asText()).isEqualTo("invalid-1");
    assertThat(result.at("/results/0/errors/0/pointer").asText())
        .isEqualTo("/policies/0/policySections/0/policyGroups/0");
    assertThat(result.at("/results/1/status").asText()).isEqualTo("created");
    assertThat(result.at("/results/2/status").asText()).isEqualTo("invalid");
    assertThat(result.at("/results/2/errors/0/pointer").asText()).isEqualTo("/policies/2/name");
    assertThat(result.at("/totals/invalid").asInt()).isEqualTo(2);
    assertThat(central.client.get("/v1/policies/valid-1", central.adminToken).status())
        .isEqualTo(200);
  }

  @Test
  void aSinglePolicyObjectIsAcceptedToo() {
    JsonNode result = importBundle("", policy("single-1", "Single Policy", "LOW"));

    assertThat(result.at("/results/0/status").asText()).isEqualTo("created");
  }

  @Test
  void malformedBundlesAreRefused() {
    assertProblem(post("", "{\"policies\": ["), 400, "invalid-json", "");
    assertProblem(post("", "[]"), 422, "validation-failed", "policy bundle");
    assertProblem(post("", "{\"policies\": 3}"), 422, "validation-failed", "/policies");
    assertProblem(post("", "{\"policies\": []}"), 422, "validation-failed", "/policies");
    assertProblem(
        post("", "{\"policies\": [{}], \"version\": 2}"), 422, "validation-failed", "/version");
    assertProblem(
        post("?overwrite=yes", bundleOf(policy("p", "Bad Flag", "LOW"))),
        400,
        "invalid-parameter",
        "overwrite must be true or false");
    assertProblem(
        central.client.get("/v1/policies/export?id=no-such-policy", central.adminToken),
        404,
        "not-found",
        "no-such-policy");
  }

  @Test
  void analystsExportOnlyAdminsImportAndImportsAreAudited() {
    String analyst = central.issue("bundle-analyst", "analyst");

    assertThat(central.client.get("/v1/policies/export", analyst).status()).isEqualTo(200);
    assertProblem(
        central.client.post(
            "/v1/policies/import", analyst, bundleOf(policy("a-1", "Analyst Import", "LOW"))),
        403,
        "permission-denied",
        "policies:write");
    importBundle("", bundleOf(policy("audited-1", "Audited Import", "LOW")));
    List<String> calls = new ArrayList<>();
    central
        .client
        .get("/v1/audit?limit=500", central.adminToken)
        .body()
        .get("items")
        .forEach(entry ->
            calls.add(
                entry.get("method").asText()
                    + " "
                    + entry.get("path").asText()
                    + " "
                    + entry.get("status").asText()));
    assertThat(calls).contains("POST /v1/policies/import 200");
  }

  private JsonNode importBundle(String query, String body) {
    ApiClient.Response response = post(query, body);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body();
  }

  private ApiClient.Response post(String query, String body) {
    return central.client.post("/v1/policies/import" + query, central.adminToken, body);
  }

  private static String bundleOf(String... policies) {
    return "{\"policies\": [" + String.join(",", policies) + "]}";
  }

  private static String policy(String id, String name, String severity) {
    return """
    {"id": "%s", "name": "%s", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
     "severity": "%s_SEVERITY",
     "policySections": [{"policyGroups": [{"fieldName": "Host Network",
                                           "values": [{"value": "true"}]}]}]}
    """
        .formatted(id, name, severity);
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static List<JsonNode> stackRoxDefaults() throws IOException {
    List<JsonNode> policies = new ArrayList<>();
    try (Stream<Path> files = Files.list(Conformance.stackRoxPolicies())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        policies.add(JSON.readTree(Files.readString(file)));
      }
    }
    return policies;
  }
}
