package dev.bulwark.central.policies;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
  void aCreatedPolicyCanBeReadChangedDisabledAndDeleted() {
    ApiClient.Response created =
        central.client.post("/v1/policies", central.adminToken, policy("lifecycle", "LOW"));

    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    assertThat(created.body().get("name").asText()).isEqualTo("lifecycle");
    assertThat(created.body().get("disabled").asBoolean()).isFalse();
    assertThat(created.body().get("severity").asText()).isEqualTo("LOW_SEVERITY");

    ApiClient.Response replaced = put("/v1/policies/" + id, policy("lifecycle", "HIGH"));
    assertThat(replaced.status()).as(replaced.raw().body()).isEqualTo(200);
    assertThat(get(id).get("severity").asText()).isEqualTo("HIGH_SEVERITY");

    ApiClient.Response disabled =
        central.client.post("/v1/policies/" + id + "/disable", central.adminToken, "{}");
    assertThat(disabled.status()).as(disabled.raw().body()).isEqualTo(200);
    assertThat(disabled.body().get("disabled").asBoolean()).isTrue();
    assertThat(get(id).get("disabled").asBoolean()).isTrue();
    assertThat(
            central
                .client
                .post("/v1/policies/" + id + "/enable", central.adminToken, "{}")
                .body()
                .get("disabled")
                .asBoolean())
        .isFalse();

    assertThat(central.client.delete("/v1/policies/" + id, central.adminToken).status())
        .isEqualTo(204);
    assertProblem(
        central.client.get("/v1/policies/" + id, central.adminToken), 404, "not-found", id);
  }

  @Test
  void theListIsPagedByNameAndFiltersByDisabled() {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("list-c", "list-a", "list-b")) {
      ids.add(
          central
              .client
              .post("/v1/policies", central.adminToken, policy(name, "LOW"))
              .body()
              .get("id")
              .asText());
    }
    central.client.post("/v1/policies/" + ids.get(1) + "/disable", central.adminToken, "{}");

    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          central
              .client
              .get(
                  "/v1/policies?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                  central.adminToken)
              .body();
      page.get("items").forEach(item -> names.add(item.get("name").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 500);

    assertThat(names.stream().filter(name -> name.startsWith("list-")))
        .containsExactly("list-a", "list-b", "list-c");
    assertThat(namesOf("/v1/policies?disabled=true&limit=500"))
        .contains("list-a")
        .doesNotContain("list-b");
    assertThat(namesOf("/v1/policies?disabled=false&limit=500"))
        .contains("list-b")
        .doesNotContain("list-a");
    assertProblem(
        central.client.get("/v1/policies?disabled=maybe", central.adminToken),
        400,
        "invalid-parameter",
        "disabled must be true or false");
  }

  @Test
  void anInvalidPolicyIsRefusedWithTheValidatorsMessage() {
    String unknownCriterion =
        """
        {"name": "broken", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
         "severity": "LOW_SEVERITY",
         "policySections": [{"policyGroups": [{"fieldName": "No Such Criterion",
                                               "values": [{"value": "true"}]}]}]}
        """;

    ApiClient.Response response =
        central.client.post("/v1/policies", central.adminToken, unknownCriterion);

    assertProblem(response, 422, "validation-failed", "/policySections/0/policyGroups/0");
    assertThat(response.body().get("errors").toString()).contains("No Such Criterion");
  }

  @Test
  void aTakenIdOrNameIsAConflict() {
    String first =
        central
            .client
            .post("/v1/policies", central.adminToken, policy("taken", "LOW"))
            .body()
            .get("id")
            .asText();

    assertProblem(
        central.client.post("/v1/policies", central.adminToken, policy("taken", "LOW")),
        409,
        "conflict",
        "'" + first + "' exists already");
    String sameNameOtherId =
        policy("taken", "LOW").replaceFirst("\\{", "{\"id\": \"another-id\", ");
    assertProblem(
        central.client.post("/v1/policies", central.adminToken, sameNameOtherId),
        409,
        "conflict",
        "name 'taken' exists already");
  }

  @Test
  void theIdInTheBodyMustBeTheIdInThePath() {
    String id =
        central
            .client
            .post("/v1/policies", central.adminToken, policy("fixed-id", "LOW"))
            .body()
            .get("id")
            .asText();

    assertProblem(
        put(
            "/v1/policies/" + id,
            policy("fixed-id", "LOW").replaceFirst("\\{", "{\"id\": \"x\", ")),
        422,
        "validation-failed",
        "must be the id in the path");
  }

  @Test
  void unknownIdsAreNotFound() {
    assertProblem(
        central.client.get("/v1/policies/absent", central.adminToken), 404, "not-found", "absent");
    assertProblem(
        central.client.delete("/v1/policies/absent", central.adminToken),
        404,
        "not-found",
        "absent");
    assertProblem(put("/v1/policies/absent", policy("absent", "LOW")), 404, "not-found", "absent");
    assertProblem(
        central.client.post("/v1/policies/absent/enable", central.adminToken, "{}"),
        404,
        "not-found",
        "absent");
  }

  @Test
  void analystsReadAndOnlyAdminsWrite() {
    String analyst = central.issue("policy-analyst", "analyst");
    String id =
        central
            .client
            .post("/v1/policies", central.adminToken, policy("read-only", "LOW"))
            .body()
            .get("id")
            .asText();

    assertThat(central.client.get("/v1/policies/" + id, analyst).status()).isEqualTo(200);
    assertProblem(
        central.client.post("/v1/policies/" + id + "/disable", analyst, "{}"),
        403,
        "permission-denied",
        "policies:write");
    assertProblem(
        central.client.delete("/v1/policies/" + id, analyst),
        403,
        "permission-denied",
        "policies:write");
  }

  @Test
  void changesAreWrittenToTheAuditLog() {
    String id =
        central
            .client
            .post("/v1/policies", central.adminToken, policy("audited", "LOW"))
            .body()
            .get("id")
            .asText();
    central.client.post("/v1/policies/" + id + "/disable", central.adminToken, "{}");

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
                    + entry.get("status").asText()
                    + " "
                    + entry.get("targetId").asText()));

    assertThat(calls)
        .contains("POST /v1/policies 201 " + id, "POST /v1/policies/" + id + "/disable 200 " + id);
  }

  @Test
  void aStackRoxDefaultPolicyRoundTrips() throws IOException {
    JsonNode original = JSON.readTree(Files.readString(stackRoxPolicies().resolve("apt.json")));

    ApiClient.Response created =
        central.client.post("/v1/policies", central.adminToken, original.toString());

    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    JsonNode shown = get(original.get("id").asText());
    for (String field :
        List.of(
            "id",
            "name",
            "description",
            "rationale",
            "remediation",
            "categories",
            "lifecycleStages",
            "exclusions",
            "severity",
            "policyVersion",
            "policySections",
            "criteriaLocked",
            "isDefault")) {
      assertThat(shown.get(field)).as(field).isEqualTo(original.get(field));
    }
    assertThat(shown.get("disabled").asBoolean()).isFalse();
  }

  private JsonNode get(String id) {
    ApiClient.Response response = central.client.get("/v1/policies/" + id, central.adminToken);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    return response.body();
  }

  private ApiClient.Response put(String path, String json) {
    return central.client.send(
        central
            .client
            .request(path, central.adminToken)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private List<String> namesOf(String path) {
    List<String> names = new ArrayList<>();
    central
        .client
        .get(path, central.adminToken)
        .body()
        .get("items")
        .forEach(item -> names.add(item.get("name").asText()));
    return names;
  }

  private static String policy(String name, String severity) {
    return """
    {"name": "%s", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
     "severity": "%s_SEVERITY",
     "policySections": [{"policyGroups": [{"fieldName": "Host Network",
                                           "values": [{"value": "true"}]}]}]}
    """
        .formatted(name, severity);
  }

  /** The StackRox default policies; missing data fails on CI and skips elsewhere. */
  private static Path stackRoxPolicies() {
    String root = System.getProperty("bulwark.conformance.dir", "../../shared/conformance");
    Path folder = Path.of(root, "stackrox-policies");
    if (!Files.isDirectory(folder)) {
      String message = "conformance data not found at " + folder.toAbsolutePath();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (set -Dbulwark.conformance.dir)");
      }
      Assumptions.abort(message);
    }
    return folder;
  }
}
