package dev.bulwark.central.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.central.testing.RawHttps;
import dev.bulwark.central.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests that fail before central's handlers (Jetty refuses them while parsing) or that no route
 * takes are answered with problem details too, never with an HTML page, and the server keeps
 * serving. They are sent as raw bytes over TLS, since no HTTP client sends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpErrorsTest {
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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          oversized header       | GET /v1/health HTTP/1.1\\r\\nX-Big: {big}\\r\\n   | 431 | headers-too-large  | headers are larger
          oversized URI          | GET /v1/{big} HTTP/1.1\\r\\n                    | 414 | uri-too-long       | URI is longer
          bad request line       | GARBAGE\\r\\n                                   | 400 | bad-request        | malformed
          bad percent-encoding   | GET /v1/clusters/%zz HTTP/1.1\\r\\n             | 400 | bad-request        | malformed
          bad header line        | GET /v1/health HTTP/1.1\\r\\nno colon here\\r\\n | 400 | bad-request        | malformed
          unsupported version    | GET /v1/health HTTP/7.0\\r\\n                   | 505 | http-version-not-supported | HTTP/1.1
          unknown method         | FROBNICATE /v1/health HTTP/1.1\\r\\n            | 405 | method-not-allowed | FROBNICATE
          unknown path outside   | GET /index.html HTTP/1.1\\r\\n                  | 404 | not-found          | no endpoint GET /index.html
          wrong method on a path | DELETE /v1/openapi.json HTTP/1.1\\r\\n          | 405 | method-not-allowed | DELETE
          """)
  void everyErrorIsProblemDetails(String what, String head, int status, String code, String detail)
      throws Exception {
    String request =
        head.strip().replace("\\r\\n", "\r\n").replace("{big}", "a".repeat(20_000))
            + "Host: localhost\r\nConnection: close\r\n\r\n";
    // A request line without a version has no headers to add.
    if (!head.contains("HTTP/")) {
      request = head.strip().replace("\\r\\n", "\r\n") + "\r\n";
    }

    RawHttps.Response response = RawHttps.exchange(certificate(), central.port(), request);

    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:bulwark:problem:" + code);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).contains(detail);
    assertThat(central.client.get("/v1/health", null).status()).isEqualTo(200);
  }

  private Path certificate() {
    return central.server.started().certificate();
  }
}
