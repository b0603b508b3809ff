package dev.bulwark.central.notifiers;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.central.testing.peers.HttpPeer;
import dev.bulwark.central.testing.peers.PeerCertificate;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN_PATH = "/services/T000/B000/XXXXsecretXXXX";

  @TempDir static Path data;

  private TestServer central;
  private PeerCertificate certificate;
  private HttpPeer peer;

  @BeforeAll
  void start() {
    central = TestServer.start(data);
    certificate = PeerCertificate.create();
    peer = new HttpPeer(certificate);
  }

  @AfterAll
  void stop() {
    peer.close();
    central.close();
  }

  @Test
  void aNotifierIsCreatedShownWithoutItsSecretsChangedAndDeleted() throws Exception {
    ApiClient.Response created = post(slack("team-slack", peer.url(TOKEN_PATH)));

    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    assertThat(created.raw().body()).doesNotContain("XXXXsecretXXXX");
    String id = created.body().get("id").asText();
    assertThat(created.body().get("type").asText()).isEqualTo("slack");
    assertThat(created.body().get("secrets"))
        .isEqualTo(JSON.readTree("{\"webhookUrl\": {\"set\": true}}"));
    assertThat(created.body().get("targetAnnotation").asText()).isEqualTo("example.com/slack");
    assertThat(created.body().get("status").get("state").asText()).isEqualTo("healthy");
    assertThat(created.body().get("status").get("pending").asInt()).isZero();

    ApiClient.Response shown = central.client.get("/v1/notifiers/" + id, central.adminToken);
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.raw().body()).doesNotContain("XXXXsecretXXXX");

    ObjectNode renamed = slack("renamed-slack", peer.url(TOKEN_PATH));
    renamed.remove("secrets");
    ApiClient.Response replaced = put("/v1/notifiers/" + id, renamed);
    assertThat(replaced.status()).as(replaced.raw().body()).isEqualTo(200);
    assertThat(replaced.body().get("name").asText()).isEqualTo("renamed-slack");
    assertThat(replaced.body().get("secrets").get("webhookUrl").get("set").asBoolean()).isTrue();

    ApiClient.Response tested =
        central.client.post("/v1/notifiers/" + id + "/test", central.adminToken, "");
    assertThat(tested.status()).as(tested.raw().body()).isEqualTo(200);
    assertThat(tested.body().get("delivered").asBoolean()).isTrue();
    assertThat(peer.requests().getLast().path())
        .as("the kept secret is used")
        .isEqualTo(TOKEN_PATH);

    assertThat(central.client.delete("/v1/notifiers/" + id, central.adminToken).status())
        .isEqualTo(204);
    assertProblem(
        central.client.get("/v1/notifiers/" + id, central.adminToken), 404, "not-found", id);
  }

  @Test
  void theStoredSecretIsNotPlainText() throws Exception {
    ApiClient.Response created = post(slack("sealed-slack", peer.url(TOKEN_PATH)));
    String id = created.body().get("id").asText();

    try (Connection connection =
            DriverManager.getConnection(
                central.database.url(), central.database.user(), central.database.password());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT secrets, settings::text FROM notifiers WHERE id = ?::uuid")) {
      query.setString(1, id);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(new String(rows.getBytes(1), StandardCharsets.ISO_8859_1))
            .doesNotContain("XXXXsecretXXXX");
        assertThat(rows.getString(2)).doesNotContain("XXXXsecretXXXX");
      }
    }
  }

  @Test
  void aTestMessageReportsThePeersError() {
    peer.answer(403, "invalid_token");
    String id = post(slack("failing-slack", peer.url(TOKEN_PATH))).body().get("id").asText();

    ApiClient.Response tested =
        central.client.post("/v1/notifiers/" + id + "/test", central.adminToken, "");

    assertThat(tested.status()).isEqualTo(200);
    assertThat(tested.body().get("delivered").asBoolean()).isFalse();
    assertThat(tested.body().get("error").asText())
        .isEqualTo("HTTP 403 from " + peer.url("") + ": invalid_token");
  }

  @Test
  void invalidSettingsAreNamedByPointer() throws Exception {
    ApiClient.Response response =
        post(
            (ObjectNode)
                JSON.readTree(
                    """
                    {"name": "bad-jira", "type": "jira",
                     "settings": {"url": "http://jira.example.com", "project": "SEC", "colour": "red",
                                  "priorities": {"URGENT": "P1"}},
                     "secrets": {}}
                    """));

    assertProblem(response, 422, "validation-failed", "5 places");
    assertThat(response.body().get("errors"))
        .extracting(error -> error.get("pointer").asText())
        .containsExactlyInAnyOrder(
            "/settings/colour",
            "/settings/url",
            "/settings/username",
            "/secrets/apiToken",
            "/settings/priorities");
  }

  @Test
  void aSecretInTheSettingsAnUnknownTypeAndATypeChangeAreRefused() throws Exception {
    ObjectNode inSettings = slack("misplaced", peer.url(TOKEN_PATH));
    ((ObjectNode) inSettings.get("settings")).put("webhookUrl", peer.url(TOKEN_PATH));
    assertProblem(post(inSettings), 422, "validation-failed", "send it in secrets");

    ObjectNode unknown = slack("unknown-type", peer.url(TOKEN_PATH));
    unknown.put("type", "carrier-pigeon");
    assertProblem(post(unknown), 422, "validation-failed", "/type");

    String id = post(slack("typed", peer.url(TOKEN_PATH))).body().get("id").asText();
    ObjectNode teams = slack("typed", peer.url(TOKEN_PATH));
    teams.put("type", "teams");
    assertProblem(put("/v1/notifiers/" + id, teams), 422, "validation-failed", "cannot change");

    ObjectNode nullSecret = slack("null-secret", peer.url(TOKEN_PATH));
    ((ObjectNode) nullSecret.get("secrets")).putNull("webhookUrl");
    ApiClient.Response refused = post(nullSecret);
    assertProblem(refused, 422, "validation-failed", "2 places");
    assertThat(refused.body().get("errors"))
        .extracting(error -> error.get("detail").asText())
        .containsExactlyInAnyOrder(
            "must be a string; leave a secret out to keep its value", "is required for slack");

    ObjectNode reservedHeader =
        (ObjectNode)
            JSON.readTree(
                """
                {"name": "hook", "type": "webhook",
                 "settings": {"url": "https://hooks.example.com/x", "headers": {"Host": "elsewhere"}}}
                """);
    assertProblem(post(reservedHeader), 422, "validation-failed", "/settings/headers");

    ObjectNode noTarget =
        (ObjectNode)
            JSON.readTree(
                """
                {"name": "pd", "type": "pagerduty", "settings": {}, "secrets": {"routingKey": "k"},
                 "targetAnnotation": "example.com/pd"}
                """);
    assertProblem(post(noTarget), 422, "validation-failed", "no target");
  }

  @Test
  void aTakenNameIsAConflictAndAnUnknownIdIsNotFound() {
    post(slack("taken", peer.url(TOKEN_PATH)));

    assertProblem(post(slack("taken", peer.url(TOKEN_PATH))), 409, "conflict", "taken");
    assertProblem(
        central.client.get(
            "/v1/notifiers/00000000-0000-4000-8000-000000000000", central.adminToken),
        404,
        "not-found",
        "GET /v1/notifiers");
    assertProblem(
        central.client.get("/v1/notifiers/not-a-uuid", central.adminToken),
        400,
        "invalid-parameter",
        "id");
  }

  @Test
  void notifiersAreListedByNameInPages() {
    for (String name : new String[] {"page-c", "page-a", "page-b"}) {
      post(slack(name, peer.url(TOKEN_PATH)));
    }

    JsonNode first = central.client.get("/v1/notifiers?limit=2", central.adminToken).body();
    JsonNode second =
        central
            .client
            .get(
                "/v1/notifiers?limit=500&cursor=" + first.get("nextCursor").asText(),
                central.adminToken)
            .body();

    assertThat(first.get("items")).hasSize(2);
    assertThat(second.get("items")).isNotEmpty();
    assertThat(second.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void anAnalystMayReadButNotWrite() {
    String analyst = central.issue("notifier-analyst", "analyst");

    assertThat(central.client.get("/v1/notifiers", analyst).status()).isEqualTo(200);
    assertProblem(
        central.client.post("/v1/notifiers", analyst, slack("nope", peer.url("/x")).toString()),
        403,
        "permission-denied",
        "notifiers:write");
  }

  private ObjectNode slack(String name, String url) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", name);
    body.put("type", "slack");
    body.putObject("settings").put("caCertificate", certificate.caPem());
    body.putObject("secrets").put("webhookUrl", url);
    body.put("targetAnnotation", "example.com/slack");
    return body;
  }

  private ApiClient.Response post(ObjectNode body) {
    return central.client.post("/v1/notifiers", central.adminToken, body.toString());
  }

  private ApiClient.Response put(String path, ObjectNode body) {
    return central.client.send(
        central
            .client
            .request(path, central.adminToken)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }
}
