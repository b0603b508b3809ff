package dev.bulwark.bench.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.tls.ServingCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's HTTP/1.1 client against a scripted TLS server: framing and keep-alive. */
class HttpsConnectionsTest {
  @TempDir Path tls;
  private ScriptedServer server;
  private HttpsConnections client;

  @BeforeEach
  void start() throws Exception {
    ServingCertificate certificate =
        ServingCertificate.selfSigned(tls, List.of("127.0.0.1"), Clock.systemUTC());
    server = new ScriptedServer(certificate);
    client =
        new HttpsConnections(
            URI.create("https://127.0.0.1:" + server.port() + "/validate"),
            OpenLoopLoad.trusting(certificate.caPem()),
            4,
            Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  @Test
  void readsLengthAndChunkedAnswersOnOneKeptAliveConnection() throws Exception {
    server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
    server.answers.add(
        "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4\r\nbusy\r\n7;note=x\r\n, later\r\n0\r\n\r\n");

    HttpsConnections.Answer first = post("{\"n\":1}");
    HttpsConnections.Answer second = post("{\"n\":2}");

    assertThat(first.status()).isEqualTo(200);
    assertThat(text(first)).isEqualTo("first");
    assertThat(second.status()).isEqualTo(503);
    assertThat(text(second)).isEqualTo("busy, later");
    assertThat(server.connections.get()).isEqualTo(1);
    assertThat(server.requests)
        .containsExactly("POST /validate {\"n\":1}", "POST /validate {\"n\":2}");
  }

  @Test
  void sendsAgainOnANewConnectionWhenTheServerClosedAnIdleOne() throws Exception {
    server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    server.answers.add(ScriptedServer.CLOSE);
    server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain");

    assertThat(text(post("{}"))).isEqualTo("ok");
    HttpsConnections.Answer retried = post("{}");

    assertThat(text(retried)).isEqualTo("again");
    assertThat(server.connections.get()).isEqualTo(2);
  }

  @Test
  void opensANewConnectionAfterAConnectionCloseAnswer() throws Exception {
    server.answers.add("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\none");
    server.answers.add("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo");

    assertThat(text(post("{}"))).isEqualTo("one");
    assertThat(text(post("{}"))).isEqualTo("two");
    assertThat(server.connections.get()).isEqualTo(2);
  }

  /** Posts once the connections that exist are idle, so that the next request reuses one. */
  private HttpsConnections.Answer post(String body) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (client.idle() < server.connections.get() - server.closed.get()
        && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    BlockingQueue<Object> result = new LinkedBlockingQueue<>();
    client.post(
        body.getBytes(StandardCharsets.UTF_8),
        (answer, failure) -> result.add(answer != null ? answer : String.valueOf(failure)));
    Object outcome = result.poll(10, TimeUnit.SECONDS);
    assertThat(outcome).isInstanceOf(HttpsConnections.Answer.class);
    return (HttpsConnections.Answer) outcome;
  }

  private static String text(HttpsConnections.Answer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  /**
   * Answers each request with the next scripted answer; {@link #CLOSE} closes the connection
   * instead, as a server does with one that stayed idle too long.
   */
  private static final class ScriptedServer implements AutoCloseable {
    static final String CLOSE = "close";
    final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final SSLServerSocket socket;

    ScriptedServer(ServingCertificate certificate) throws Exception {
      char[] password = "secret".toCharArray();
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(certificate.keyStore(password), password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      socket =
          (SSLServerSocket)
              context
                  .getServerSocketFactory()
                  .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
      Thread.ofPlatform().daemon().start(this::accept);
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          SSLSocket connection = (SSLSocket) socket.accept();
          connections.incrementAndGet();
          Thread.ofPlatform().daemon().start(() -> serve(connection));
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(SSLSocket connection) {
      try (connection) {
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        while (true) {
          String request = request(in);
          if (request == null) {
            return;
          }
          String answer = answers.take();
          if (answer.equals(CLOSE)) {
            closed.incrementAndGet();
            return;
          }
          requests.add(request);
          out.write(answer.getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the client went away
      }
    }

    /** "METHOD /path body", or null at the end of the connection. */
    private static @Nullable String request(InputStream in) throws IOException {
      String start = line(in);
      if (start == null) {
        return null;
      }
      int length = 0;
      for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
        if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(header.substring(15).trim());
        }
      }
      String[] parts = start.split(" ");
      return parts[0]
          + " "
          + parts[1]
          + " "
          + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static @Nullable String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int next = in.read(); next != '\n'; next = in.read()) {
        if (next < 0) {
          return null;
        }
        if (next != '\r') {
          line.write(next);
        }
      }
      return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
