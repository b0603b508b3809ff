package dev.bulwark.sensor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.server.tls.ServingCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for central over HTTPS: records every call and answers as central's ingestion API does
 * (sequence numbers acknowledged, replays acknowledged without being applied), unless told to fail.
 * Thread-safe.
 */
public final class RecordingCentral implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One call as central saw it. */
  public record Call(
      String method, String path, @Nullable JsonNode body, List<String> ifNoneMatch) {
    /** The body; a missing node when there was none. */
    public JsonNode json() {
      return body == null ? MissingNode.getInstance() : body;
    }
  }

  /** What a call is answered with; null answers as central would. */
  @FunctionalInterface
  public interface Responder {
    @Nullable Answer answer(Call call);
  }

  /** A status and body. */
  public record Answer(int status, String body) {}

  public final UUID cluster = UUID.randomUUID();
  public final Path caFile;
  private final HttpsServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Call> applied = new CopyOnWriteArrayList<>();
  private volatile Responder responder = call -> null;
  private volatile String policies =
      "{\"fingerprint\":\"none\",\"policies\":{\"policies\":[]},\"exceptions\":[]}";
  private long acknowledged;

  private RecordingCentral(Path tls) throws IOException, GeneralSecurityException {
    ServingCertificate certificate =
        ServingCertificate.selfSigned(tls, List.of("localhost", "127.0.0.1"), Clock.systemUTC());
    caFile = tls.resolve("ca.pem");
    Files.writeString(caFile, certificate.caPem());
    char[] password = "test".toCharArray();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(certificate.keyStore(password), password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts one with its certificates in {@code tls}. */
  public static RecordingCentral start(Path tls) {
    try {
      return new RecordingCentral(tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI url() {
    return URI.create("https://localhost:" + server.getAddress().getPort());
  }

  /** Answers calls {@code responder} answers (non-null) its way; the rest as central would. */
  public void respond(Responder responder) {
    this.responder = responder;
  }

  /** Answers everything with {@code status}, as a central that is down behind a proxy. */
  public void failWith(int status) {
    respond(call -> new Answer(status, "{\"title\":\"down\"}"));
  }

  /** Answers as central would again. */
  public void recover() {
    respond(call -> null);
  }

  public void policies(String body) {
    this.policies = body;
  }

  /** Every call so far. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The resyncs and batches central applied (replays and failed calls left out), in order. */
  public List<Call> applied() {
    return List.copyOf(applied);
  }

  /** Calls matching. */
  public List<Call> calls(Predicate<Call> filter) {
    return calls.stream().filter(filter).toList();
  }

  /** Waits until {@code condition} holds for the calls, failing after 10 s. */
  public void await(String what, Predicate<RecordingCentral> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.test(this)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; calls: " + summary());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private String summary() {
    StringBuilder out = new StringBuilder();
    for (Call call : calls) {
      out.append('\n').append(call.method()).append(' ').append(call.path());
      if (call.body() != null && call.body().has("sequence")) {
        out.append(" #").append(call.body().get("sequence"));
      }
    }
    return out.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    // Like central, inflate what the sensor compresses (resyncs).
    boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
    byte[] bytes =
        gzip
            ? new GZIPInputStream(exchange.getRequestBody()).readAllBytes()
            : exchange.getRequestBody().readAllBytes();
    JsonNode body = bytes.length == 0 ? null : MAPPER.readTree(bytes);
    List<String> ifNoneMatch =
        exchange.getRequestHeaders().getOrDefault("If-None-Match", List.of());
    Call call =
        new Call(
            exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body, ifNoneMatch);
    calls.add(call);
    String expected = "Bearer sensor-token";
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, new Answer(401, "{\"title\":\"token\"}"));
      return;
    }
    Answer answer = responder.answer(call);
    send(exchange, answer == null ? central(call) : answer);
  }

  private synchronized Answer central(Call call) throws IOException {
    String prefix = "/v1/clusters/" + cluster;
    String path = call.path();
    JsonNode body = call.body();
    if (path.equals(prefix + "/inventory/state")) {
      return new Answer(200, "{\"acknowledged\":" + acknowledged + ",\"objects\":0}");
    }
    if ((path.equals(prefix + "/inventory") || path.equals(prefix + "/inventory/changes"))
        && body != null) {
      long sequence = body.path("sequence").asLong();
      if (sequence > acknowledged) {
        acknowledged = sequence;
        applied.add(call);
      }
      return new Answer(200, "{\"acknowledged\":" + sequence + "}");
    }
    if (path.equals(prefix + "/heartbeat")) {
      return new Answer(200, "{\"id\":\"" + cluster + "\",\"name\":\"test-cluster\"}");
    }
    if (path.equals(prefix + "/policies")) {
      String fingerprint = MAPPER.readTree(policies).path("fingerprint").asText();
      if (call.ifNoneMatch().contains("\"" + fingerprint + "\"")) {
        return new Answer(304, "");
      }
      return new Answer(200, policies);
    }
    if (path.equals(prefix + "/alerts/enforcement") && body != null) {
      return new Answer(200, "{\"recorded\":" + body.path("records").size() + "}");
    }
    return new Answer(404, "{\"title\":\"not found\"}");
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (answer.status() == 304) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
