package dev.bulwark.central.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.central.testing.RawHttps;
import dev.bulwark.central.testing.TestServer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping central drains the listener: no new connection is accepted, and a request in flight
 * completes before the pool and the database go away.
 */
class GracefulStopTest {
  @TempDir Path data;

  @Test
  void aRequestInFlightWhileCentralStopsCompletes() throws Exception {
    TestServer central = TestServer.start(data);
    Path certificate = central.server.started().certificate();
    int port = central.port();
    String body = "{\"name\": \"registered-while-stopping\"}";
    int half = body.length() / 2;
    Thread stopping = new Thread(central::close, "stopping-central");
    try (RawHttps connection = RawHttps.connect(certificate, port)) {
      // The request is in its handler, waiting for the rest of its body, when the stop begins.
      connection.send(
          "POST /v1/clusters HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + central.adminToken
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.getBytes(StandardCharsets.UTF_8).length
              + "\r\nConnection: close\r\n\r\n"
              + body.substring(0, half));
      Thread.sleep(500);
      stopping.start();
      Thread.sleep(500);

      assertThat(stopping.isAlive()).as("the stop waits for the request").isTrue();
      assertThatThrownBy(() -> RawHttps.connect(certificate, port).close())
          .as("no new connection is accepted")
          .isInstanceOf(UncheckedIOException.class);

      connection.send(body.substring(half));
      RawHttps.Response response = connection.read();

      assertThat(response.status()).as(response.body()).isEqualTo(201);
      assertThat(response.body()).contains("registered-while-stopping");
      // The drain ends with the last request, not at its 10 s deadline.
      stopping.join(TimeUnit.SECONDS.toMillis(5));
      assertThat(stopping.isAlive()).as("the stop ends once the request is done").isFalse();
    } finally {
      stopping.join(TimeUnit.SECONDS.toMillis(30));
    }
  }
}
