package dev.bulwark.central.testing.peers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTPS server on loopback that records every request and answers with scripted responses (then
 * 200 with {@link #defaultBody}). Thread-safe.
 */
public final class HttpPeer implements AutoCloseable {
  /** A request as received: headers by lower-case name. */
  public record Request(
      String method, String path, Map<String, String> headers, String body, Instant at) {}

  /** A scripted answer, after an optional pause. */
  public record Answer(int status, String body, Duration delay) {}

  private final HttpsServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Queue<Answer> script = new ArrayDeque<>();
  private volatile String defaultBody = "ok";
  private volatile int defaultStatus = 200;

  public HttpPeer(PeerCertificate certificate) {
    try {
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code https://localhost:PORT} + path. */
  public String url(String path) {
    return "https://localhost:" + server.getAddress().getPort() + path;
  }

  /** The next requests get these answers, in order. */
  public synchronized HttpPeer answer(int status, String body) {
    script.add(new Answer(status, body, Duration.ZERO));
    return this;
  }

  public synchronized HttpPeer answerAfter(Duration delay, int status, String body) {
    script.add(new Answer(status, body, delay));
    return this;
  }

  /** What to answer once the script is used up. */
  public void answerAlways(int status, String body) {
    defaultStatus = status;
    defaultBody = body;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            headers,
            body,
            Instant.now()));
    Answer answer;
    synchronized (this) {
      answer = script.poll();
    }
    if (answer == null) {
      answer = new Answer(defaultStatus, defaultBody, Duration.ZERO);
    }
    if (!answer.delay().isZero()) {
      try {
        Thread.sleep(answer.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
