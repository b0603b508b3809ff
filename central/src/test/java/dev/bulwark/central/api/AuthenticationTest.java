package dev.bulwark.central.api;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Why a token is refused, told as a problem the caller can act on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationTest {
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
  void aValidTokenIsAcceptedAndItsUseNoted() {
    JsonNode issued =
        central
            .client
            .post(
                "/v1/tokens",
                central.adminToken,
                "{\"name\": \"auth-user\", \"role\": \"analyst\"}")
            .body();
    String path = "/v1/tokens/" + issued.get("id").asText();
    assertThat(central.client.get(path, central.adminToken).body().get("lastUsedAt").isNull())
        .isTrue();

    assertThat(central.client.get("/v1/clusters", issued.get("token").asText()).status())
        .isEqualTo(200);

    assertThat(central.client.get(path, central.adminToken).body().get("lastUsedAt").asText())
        .startsWith("20");
  }

  @Test
  void anAuthorizationHeaderOfAnotherSchemeIsMalformed() {
    ApiClient.Response response =
        central.client.send(
            central.client.request("/v1/clusters", null).header("Authorization", "Basic YTpi"));

    assertProblem(response, 401, "token-malformed", "Bearer scheme");
    assertThat(response.raw().headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"bulwark\", error=\"invalid_token\"");
  }

  @Test
  void anEmptyBearerTokenIsMalformed() {
    ApiClient.Response response =
        central.client.send(
            central.client.request("/v1/clusters", null).header("Authorization", "Bearer   "));

    assertProblem(response, 401, "token-malformed", "holds no token");
  }

  @Test
  void anUnknownTokenIsRefused() {
    assertProblem(
        central.client.get("/v1/clusters", "bwk_not-a-token-this-server-issued"),
        401,
        "token-unknown",
        "ask an admin for a new one");
  }

  @Test
  void anExpiredTokenIsRefusedWithItsExpiry() {
    String token = central.issue("auth-expiring", "analyst");
    TestDatabases.execute(
        central.database,
        "UPDATE api_tokens SET expires_at = now() - interval '1 minute'"
            + " WHERE name = 'auth-expiring'");

    assertProblem(
        central.client.get("/v1/clusters", token), 401, "token-expired", "'auth-expiring' expired");
  }

  @Test
  void aRevokedTokenIsRefusedAtOnce() {
    String token = central.issue("auth-revoked", "ci");
    String id =
        central
            .client
            .get("/v1/tokens?limit=500", central.adminToken)
            .body()
            .get("items")
            .findParents("name")
            .stream()
            .filter(item -> item.get("name").asText().equals("auth-revoked"))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();

    assertThat(central.client.delete("/v1/tokens/" + id, central.adminToken).status())
        .isEqualTo(204);
    assertProblem(
        central.client.get("/v1/openapi.json", token), 401, "token-revoked", "'auth-revoked'");
  }

  @Test
  void theSchemeNameIsCaseInsensitive() {
    HttpRequest.Builder request =
        central
            .client
            .request("/v1/clusters", null)
            .header("Authorization", "bearer " + central.adminToken);

    assertThat(central.client.send(request).status()).isEqualTo(200);
  }
}
