package dev.bulwark.central.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request refused before its body is read (no token, another cluster's token, the wrong content
 * type) still gets its answer while the client is sending the body: central reads what remains of a
 * body of ordinary size before it answers, instead of closing a connection the client is still
 * writing to (which clients report as a network error, not as the refusal).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EarlyRefusalTest {
  private static final byte[] BODY = body(3 * 1024 * 1024);

  @TempDir static Path data;
  private TestServer central;
  private String path = "";
  private String otherToken = "";
  private String token = "";

  @BeforeAll
  void start() {
    central = TestServer.start(data);
    TestServer.Sensor sensor = central.register("refusing");
    path = "/v1/clusters/" + sensor.clusterId() + "/inventory/changes";
    token = sensor.token();
    otherToken = central.register("other").token();
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void theRefusalIsAnsweredWhileTheBodyIsStillComing(int attempt) {
    assertThat(post(null, "application/json").status()).isEqualTo(401);
    assertThat(post(otherToken, "application/json").status()).isEqualTo(403);
    assertThat(post(token, "text/plain").status()).isEqualTo(415);
    assertThat(central.client.get("/v1/health", null).status()).isEqualTo(200);
  }

  private ApiClient.Response post(@Nullable String bearer, String contentType) {
    return central.client.send(
        central
            .client
            .request(path, bearer)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)));
  }

  private static byte[] body(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[size - 1] = '}';
    return body;
  }
}
