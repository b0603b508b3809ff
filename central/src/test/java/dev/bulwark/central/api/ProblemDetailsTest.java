package dev.bulwark.central.api;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.RawHttps;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad requests get a 4xx with problem details that say what to fix, never a 500, and the server
 * keeps serving after each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemDetailsTest {
  private static final int LIMIT = 8 * 1024;

  @TempDir static Path data;

  private TestServer central;

  @BeforeAll
  void start() {
    central =
        TestServer.start(
            data,
            TestDatabases.fresh(),
            settings -> TestServer.withMaxRequestBytes(settings, LIMIT));
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          broken JSON         | {"name": }              | 400 | invalid-json      | not valid JSON
          trailing data       | {"name": "a"} {}        | 400 | invalid-json      | not valid JSON
          empty body          | ''                      | 400 | body-missing      | needs a JSON body
          JSON null           | null                    | 422 | validation-failed | not null
          an array            | []                      | 422 | validation-failed | a JSON object
          unknown field       | {"nmae": "a"}           | 422 | validation-failed | unknown field 'nmae'; the fields are name
          wrong type          | {"name": 5}             | 422 | validation-failed | must be a string
          missing name        | {}                      | 422 | validation-failed | is required
          blank-padded name   | {"name": " a "}         | 422 | validation-failed | white space
          duplicate field     | {"name": "a", "name": "b"} | 400 | invalid-json   | Duplicate field
          """)
  void malformedBodiesAreClientErrors(
      String what, String body, int status, String code, String detail) {
    ApiClient.Response response = central.client.post("/v1/clusters", central.adminToken, body);

    assertProblem(response, status, code, detail);
    assertServing();
  }

  @Test
  void aFieldErrorPointsAtTheField() {
    ApiClient.Response response =
        central.client.post(
            "/v1/tokens", central.adminToken, "{\"name\": \"\", \"role\": \"root\"}");

    assertProblem(response, 422, "validation-failed", "2 places");
    assertThat(response.body().get("errors").findValuesAsText("pointer"))
        .containsExactly("/name", "/role");
    assertThat(response.body().get("errors").get(1).get("detail").asText())
        .isEqualTo("must be one of admin, analyst, ci, sensor");
  }

  @Test
  void textWithTheNulCharacterIsAClientErrorWhereverItComesFrom() {
    // parameters are checked before the handler; body fields where PostgreSQL refuses them
    ApiClient.Response query =
        central.client.get("/v1/exceptions?policy=a%00b", central.adminToken);
    ApiClient.Response body =
        central.client.post(
            "/v1/alerts/" + UUID.randomUUID() + "/resolve",
            central.adminToken,
            "{\"comment\": \"a\\u0000b\"}");

    assertProblem(query, 400, "invalid-parameter", "policy");
    assertProblem(body, 400, "unstorable-text", "U+0000");
    assertServing();
  }

  @Test
  void anotherContentTypeIsUnsupported() {
    ApiClient.Response response =
        central.client.post(
            "/v1/clusters",
            central.adminToken,
            "text/plain",
            "name=a".getBytes(StandardCharsets.UTF_8));

    assertProblem(response, 415, "unsupported-media-type", "application/json");
    assertServing();
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
    String body = " ".repeat(LIMIT * 4);

    assertTooLarge("Content-Length: " + body.length() + "\r\n\r\n" + body);
    assertServing();
  }

  @Test
  void aStreamedBodyLargerThanTheLimitIsRefused() throws Exception {
    String body = " ".repeat(LIMIT * 2);

    assertTooLarge(
        "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(body.length())
            + "\r\n"
            + body
            + "\r\n0\r\n\r\n");
    assertServing();
  }

  /**
   * Sends a POST with the given framing and body over a raw connection: central may answer before
   * the body is all sent and close, which an HTTP client can report as a broken connection.
   */
  private void assertTooLarge(String framingAndBody) throws Exception {
    RawHttps.Response response =
        RawHttps.exchange(
            central.server.started().certificate(),
            central.port(),
            "POST /v1/clusters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + central.adminToken
                + "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + framingAndBody);

    assertThat(response.status()).as(response.body()).isEqualTo(413);
    JsonNode problem = new ObjectMapper().readTree(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:bulwark:problem:body-too-large");
    assertThat(problem.get("detail").asText()).contains(String.valueOf(LIMIT));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /v1/clusters?limit=0        | 400 | invalid-parameter | 1 to 500
          /v1/clusters?limit=many     | 400 | invalid-parameter | found 'many'
          /v1/clusters?cursor=!!!     | 400 | invalid-cursor    | leave it out
          /v1/tokens?cursor=Zm9v      | 400 | invalid-cursor    | leave it out
          /v1/audit?cursor=Zm9v       | 400 | invalid-cursor    | leave it out
          /v1/clusters/not-a-uuid     | 400 | invalid-parameter | must be a UUID
          /v1/clusters/00000000-0000-0000-0000-000000000000 | 404 | not-found | no cluster
          /v1/nothing-here            | 404 | not-found         | no endpoint GET /v1/nothing-here
          /v1/exceptions?policy=a%00b | 400 | invalid-parameter | NUL character
          """)
  void badParametersAndUnknownPathsAreClientErrors(
      String path, int status, String code, String detail) {
    assertProblem(central.client.get(path, central.adminToken), status, code, detail);
  }

  @Test
  void aMethodThePathDoesNotTakeIsNotAllowed() {
    ApiClient.Response response =
        central.client.send(
            central.client.request("/v1/health", null).PUT(HttpRequest.BodyPublishers.noBody()));

    assertProblem(response, 405, "method-not-allowed", "PUT /v1/health");
  }

  private void assertServing() {
    assertThat(central.client.get("/v1/health", null).status()).isEqualTo(200);
  }
}
