package dev.bulwark.scanner.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an in-process fake registry that demands a bearer token. */
class RegistryClientTest {
  private static final byte[] MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
          .getBytes(StandardCharsets.UTF_8);
  private static final byte[] BLOB = "layer bytes".getBytes(StandardCharsets.UTF_8);
  private static final String TOKEN = "t0ken";
  private static final String STALLED = "sha256:" + "5".repeat(64);

  private HttpServer server;
  private String host;
  private final List<String> tokenRequests = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    host = "127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::registry);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void token(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    tokenRequests.add(exchange.getRequestURI().getQuery());
    if (!new RegistryCredentials("alice", "secret").basicHeader().equals(authorization)) {
      respond(exchange, 401, new byte[0]);
      return;
    }
    respond(exchange, 200, ("{\"token\":\"" + TOKEN + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private void registry(HttpExchange exchange) throws IOException {
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange
          .getResponseHeaders()
          .add(
              "WWW-Authenticate",
              "Bearer realm=\"http://"
                  + host
                  + "/token\",service=\"fake\",scope=\"repository:demo/app:pull\"");
      respond(
          exchange,
          401,
          "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/v2/demo/app/manifests/1.0")) {
      exchange
          .getResponseHeaders()
          .add("Content-Type", "application/vnd.oci.image.manifest.v1+json");
      respond(exchange, 200, MANIFEST);
    } else if (path.equals("/v2/demo/app/blobs/" + Digests.sha256(BLOB))) {
      respond(exchange, 200, BLOB);
    } else if (path.equals("/v2/demo/app/blobs/" + STALLED)) {
      exchange.sendResponseHeaders(200, 1000);
      exchange.getResponseBody().write(new byte[10]);
      exchange.getResponseBody().flush();
      // The rest never comes: the client must give up on its own.
    } else if (path.startsWith("/v2/demo/app/blobs/")) {
      respond(exchange, 200, "not what was asked".getBytes(StandardCharsets.UTF_8));
    } else {
      respond(
          exchange,
          404,
          "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private RegistryClient client(RegistryCredentials credentials) {
    return new RegistryClient(host, true, credentials, 1 << 20);
  }

  @Test
  void obtainsABearerTokenFromTheChallengeAndReusesIt() throws IOException {
    RegistryClient client = client(new RegistryCredentials("alice", "secret"));
    RegistryClient.FetchedManifest manifest = client.manifest("demo/app", "1.0");
    assertThat(manifest.bytes()).isEqualTo(MANIFEST);
    assertThat(manifest.digest()).isEqualTo(Digests.sha256(MANIFEST));
    assertThat(manifest.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
    try (InputStream blob = client.blob("demo/app", Digests.sha256(BLOB))) {
      assertThat(blob.readAllBytes()).isEqualTo(BLOB);
    }
    assertThat(tokenRequests).containsExactly("service=fake&scope=repository:demo/app:pull");
  }

  @Test
  void reportsWrongCredentialsAsAClearAuthenticationFailure() {
    assertThatThrownBy(
            () -> client(new RegistryCredentials("alice", "wrong")).manifest("demo/app", "1.0"))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("authentication to registry " + host + " failed")
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("alice");
  }

  @Test
  void failsABlobWhoseBytesDoNotMatchTheDigest() {
    String other = "sha256:" + "0".repeat(64);
    RegistryClient client = client(new RegistryCredentials("alice", "secret"));
    assertThatThrownBy(
            () -> {
              try (InputStream blob = client.blob("demo/app", other)) {
                blob.readAllBytes();
              }
            })
        .hasMessageContaining("digest mismatch");
  }

  @Test
  void givesUpOnABodyThatStalls() {
    RegistryClient client =
        new RegistryClient(
            host,
            true,
            new RegistryCredentials("alice", "secret"),
            1 << 20,
            Duration.ofMillis(300));
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(
                    () -> {
                      try (InputStream blob = client.blob("demo/app", STALLED)) {
                        blob.readAllBytes();
                      }
                    })
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("no data for"));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void reportsAMissingManifest() {
    assertThatThrownBy(
            () -> client(new RegistryCredentials("alice", "secret")).manifest("demo/app", "nope"))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("not found (HTTP 404)");
  }

  @Test
  void readsCredentialsFromADockerConfig(@TempDir Path directory) throws IOException {
    Path config = directory.resolve("config.json");
    Files.writeString(
        config,
        """
        {"auths": {
          "https://index.docker.io/v1/": {"auth": "aHViOnB3"},
          "registry.example.com:5000": {"auth": "Ym9iOnM6ZWNyZXQ="}
        }, "credsStore": "desktop"}
        """);
    assertThat(RegistryCredentials.fromDockerConfig(config, "registry.example.com:5000"))
        .hasValue(new RegistryCredentials("bob", "s:ecret"));
    assertThat(RegistryCredentials.fromDockerConfig(config, "docker.io"))
        .hasValue(new RegistryCredentials("hub", "pw"));
    assertThat(RegistryCredentials.fromDockerConfig(config, "other.example.com")).isEmpty();
    assertThat(new RegistryCredentials("bob", "s:ecret").toString()).doesNotContain("ecret");
  }

  @Test
  void parsesChallengesWithQuotedParameters() {
    AuthChallenge challenge =
        AuthChallenge.parse(
            "Bearer"
                + " realm=\"https://auth.example.com/token\",service=\"registry\",scope=\"repository:a/b:pull,push\"");
    assertThat(challenge.scheme()).isEqualTo("bearer");
    assertThat(challenge.parameters())
        .containsEntry("realm", "https://auth.example.com/token")
        .containsEntry("scope", "repository:a/b:pull,push");
    assertThat(Objects.requireNonNull(AuthChallenge.parse("Basic realm=\"r\"").scheme()))
        .isEqualTo("basic");
  }
}
