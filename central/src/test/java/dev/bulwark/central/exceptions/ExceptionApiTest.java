package dev.bulwark.central.exceptions;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.storage.DatabaseException;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.policy.exception.PolicyException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExceptionApiTest {
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
  void anExceptionCanBeCreatedReadReplacedAndDeleted() {
    ApiClient.Response created =
        post(
            """
            {"name": "legacy-host-network", "policies": ["Host Network"],
             "scope": {"namespaces": ["legacy-.*"], "labels": {"app": "old"}},
             "owner": "team-platform", "reason": "being migrated", "ticket": "OPS-12",
             "expires": "2999-12-31"}
            """);

    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    JsonNode shown = get(id);
    assertThat(shown.get("name").asText()).isEqualTo("legacy-host-network");
    assertThat(shown.get("owner").asText()).isEqualTo("team-platform");
    assertThat(shown.get("ticket").asText()).isEqualTo("OPS-12");
    // A date means through the end of that day (UTC), as in exception files.
    assertThat(shown.get("expires").asText()).isEqualTo("3000-01-01T00:00:00Z");
    assertThat(shown.get("expired").asBoolean()).isFalse();
    assertThat(shown.get("daysSinceExpiry").isNull()).isTrue();
    assertThat(shown.at("/scope/namespaces/0").asText()).isEqualTo("legacy-.*");
    assertThat(shown.at("/scope/labels/app").asText()).isEqualTo("old");
    assertThat(shown.get("updatedBy").asText()).isEqualTo("admin");

    ApiClient.Response replaced =
        put(
            "/v1/exceptions/" + id,
            """
            {"name": "legacy-host-network", "categories": ["Networking"],
             "owner": "team-network", "reason": "still being migrated"}
            """);
    assertThat(replaced.status()).as(replaced.raw().body()).isEqualTo(200);
    JsonNode after = get(id);
    assertThat(after.get("owner").asText()).isEqualTo("team-network");
    assertThat(after.get("policies")).isEmpty();
    assertThat(after.get("expires").isNull()).isTrue();
    assertThat(after.get("ticket").isNull()).isTrue();

    assertThat(central.client.delete("/v1/exceptions/" + id, central.adminToken).status())
        .isEqualTo(204);
    assertProblem(
        central.client.get("/v1/exceptions/" + id, central.adminToken), 404, "not-found", id);
  }

  @Test
  void aPolicyExceptionResourceIsAcceptedToo() {
    ApiClient.Response created =
        post(
            """
            {"apiVersion": "bulwark.dev/v1alpha1", "kind": "PolicyException",
             "metadata": {"name": "as-resource"},
             "spec": {"policies": ["Latest tag"], "owner": "me", "reason": "demo"}}
            """);

    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    assertThat(created.body().get("name").asText()).isEqualTo("as-resource");
  }

  @Test
  void invalidFieldsAreNamedAsJsonPointersWithTheLibrarysMessages() {
    ApiClient.Response response =
        post(
            """
            {"name": "broken", "owner": "", "reason": "r",
             "scope": {"namespaces": ["ok", "(unclosed"], "colour": "red"},
             "expires": "next tuesday"}
            """);

    assertProblem(response, 422, "validation-failed", "see errors");
    List<String> pointers = new ArrayList<>();
    response.body().get("errors").forEach(error -> pointers.add(error.get("pointer").asText()));
    assertThat(pointers).contains("/owner", "/scope/namespaces/1", "/scope/colour", "/expires", "");
    assertThat(response.body().get("errors").toString())
        .contains("must name the policies", "RE2", "neither a date");
    assertProblem(
        central.client.post("/v1/exceptions", central.adminToken, "[1]"),
        422,
        "validation-failed",
        "JSON object");
  }

  @Test
  void aTakenNameIsAConflict() {
    post(exception("taken-name", null));

    assertProblem(post(exception("taken-name", null)), 409, "conflict", "'taken-name'");
  }

  @Test
  void expiredExceptionsAreListedSeparatelyWithTheirAge() {
    Instant tenDaysAgo = Instant.now().minus(10, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS);
    String expired =
        post(exception("state-expired", tenDaysAgo.toString())).body().get("id").asText();
    post(exception("state-active", "2999-01-01"));
    post(exception("state-forever", null));

    JsonNode old = get(expired);
    assertThat(old.get("expired").asBoolean()).isTrue();
    assertThat(old.get("daysSinceExpiry").asInt()).isEqualTo(10);
    assertThat(names("/v1/exceptions?state=expired"))
        .contains("state-expired")
        .doesNotContain("state-active", "state-forever");
    assertThat(names("/v1/exceptions?state=active"))
        .contains("state-active", "state-forever")
        .doesNotContain("state-expired");
    assertProblem(
        central.client.get("/v1/exceptions?state=soon", central.adminToken),
        400,
        "invalid-parameter",
        "active or expired");
  }

  @Test
  void activeGivesTheLibraryExceptionsInForce() throws DatabaseException {
    post(exception("store-expired", "2001-01-01"));
    post(exception("store-active", null));

    try (Database database = Database.open(central.database, 2)) {
      List<PolicyException> active =
          new ExceptionStore(database.jdbi(), Clock.systemUTC()).active(Instant.now());

      assertThat(active).extracting(PolicyException::name).contains("store-active");
      assertThat(active).extracting(PolicyException::name).doesNotContain("store-expired");
      assertThat(active)
          .filteredOn(exception -> exception.name().equals("store-active"))
          .singleElement()
          .satisfies(exception -> assertThat(exception.policies()).containsExactly("Latest tag"));
    }
  }

  @Test
  void theListFiltersByPolicyIdOrNameAndFlagsUnknownPolicies() {
    ApiClient.Response policy =
        central.client.post(
            "/v1/policies",
            central.adminToken,
            """
            {"name": "Filter Policy", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
             "severity": "LOW_SEVERITY",
             "policySections": [{"policyGroups": [{"fieldName": "Host Network",
                                                   "values": [{"value": "true"}]}]}]}
            """);
    String policyId = policy.body().get("id").asText();
    post(
        """
        {"name": "filter-by-name", "policies": ["Filter Policy"], "owner": "o", "reason": "r"}
        """);
    post(
        """
        {"name": "filter-by-id", "policies": ["%s"], "owner": "o", "reason": "r"}
        """
            .formatted(policyId));
    ApiClient.Response unknown =
        post(
            """
            {"name": "filter-unknown", "policies": ["No Such Policy"], "owner": "o", "reason": "r"}
            """);

    assertThat(names("/v1/exceptions?policy=" + policyId))
        .containsExactly("filter-by-id", "filter-by-name");
    assertThat(names("/v1/exceptions?policy=Filter%20Policy"))
        .containsExactly("filter-by-id", "filter-by-name");
    assertThat(unknown.status()).isEqualTo(201);
    assertThat(unknown.body().get("unknownPolicies").get(0).asText()).isEqualTo("No Such Policy");
    assertThat(get(unknown.body().get("id").asText()).get("unknownPolicies")).hasSize(1);
  }

  @Test
  void theListIsPagedByName() {
    for (String name : List.of("page-c", "page-a", "page-b")) {
      post(exception(name, null));
    }
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          central
              .client
              .get(
                  "/v1/exceptions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                  central.adminToken)
              .body();
      page.get("items").forEach(item -> names.add(item.get("name").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 50);

    assertThat(names.stream().filter(name -> name.startsWith("page-")))
        .containsExactly("page-a", "page-b", "page-c");
  }

  @Test
  void analystsReadOnlyAdminsWriteAndChangesAreAudited() {
    String analyst = central.issue("exception-analyst", "analyst");
    String id = post(exception("audited-exception", null)).body().get("id").asText();

    assertThat(central.client.get("/v1/exceptions/" + id, analyst).status()).isEqualTo(200);
    assertProblem(
        central.client.post("/v1/exceptions", analyst, exception("by-analyst", null)),
        403,
        "permission-denied",
        "policies:write");
    assertProblem(
        central.client.delete("/v1/exceptions/" + id, analyst),
        403,
        "permission-denied",
        "policies:write");
    assertProblem(
        central.client.get("/v1/exceptions/not-a-uuid", analyst), 400, "invalid-parameter", "UUID");
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
    assertThat(calls).contains("POST /v1/exceptions 201 " + id);
  }

  private ApiClient.Response post(String json) {
    return central.client.post("/v1/exceptions", central.adminToken, json);
  }

  private JsonNode get(String id) {
    ApiClient.Response response = central.client.get("/v1/exceptions/" + id, central.adminToken);
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

  private List<String> names(String path) {
    List<String> names = new ArrayList<>();
    ApiClient.Response response = central.client.get(path, central.adminToken);
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    response.body().get("items").forEach(item -> names.add(item.get("name").asText()));
    return names;
  }

  private static String exception(String name, @Nullable String expires) {
    return """
    {"name": "%s", "policies": ["Latest tag"], "owner": "o", "reason": "r"%s}
    """
        .formatted(name, expires == null ? "" : ", \"expires\": \"" + expires + "\"");
  }
}
