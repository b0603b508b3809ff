package dev.bulwark.testsupport.token;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A registry token server on loopback, plain HTTP, for tests: {@code GET /token?service=S&scope=
 * repository:NAME:pull,push} with HTTP Basic credentials answers {@code {"token": ...}}, a token
 * signed by {@link TokenSigner} that grants the requested actions on the requested repositories to
 * its one user. Wrong or missing credentials get HTTP 401, another service HTTP 400, as Docker's
 * token specification describes. Thread-safe.
 */
public final class TokenServer implements AutoCloseable {
  /** How long issued tokens are valid. */
  public static final Duration LIFETIME = Duration.ofMinutes(5);

  private final TokenSigner signer;
  private final String service;
  private final String issuer;
  private final String username;
  private final String expectedAuthorization;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<String> grantedScopes = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusals = new AtomicInteger();

  private TokenServer(
      TokenSigner signer, String service, String issuer, String username, String password)
      throws IOException {
    this.signer = signer;
    this.service = service;
    this.issuer = issuer;
    this.username = username;
    this.expectedAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/token", this::handle);
    server.start();
  }

  /**
   * Starts a server on a free loopback port with a fresh signing key.
   *
   * @param service the registry's {@code service}: token requests must name it, tokens are for it
   * @param issuer the registry's {@code issuer}
   * @param username the one user
   * @param password its password
   */
  public static TokenServer start(String service, String issuer, String username, String password) {
    try {
      return new TokenServer(TokenSigner.generate(issuer), service, issuer, username, password);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the token server", e);
    }
  }

  /** The URL registries send clients to: the {@code realm} of their challenges. */
  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The service tokens are issued for. */
  public String service() {
    return service;
  }

  /** The issuer tokens name. */
  public String issuer() {
    return issuer;
  }

  /** The signer, whose certificate the registry must trust. */
  public TokenSigner signer() {
    return signer;
  }

  /** Every scope a token was issued for, in order (a token without scope adds nothing). */
  public List<String> grantedScopes() {
    return List.copyOf(grantedScopes);
  }

  /** How many token requests were refused for their credentials. */
  public int refusals() {
    return refusals.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, error("UNSUPPORTED", "token requests are GET requests"));
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!matches(authorization)) {
        refusals.incrementAndGet();
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"bulwark-tokens\"");
        respond(exchange, 401, error("UNAUTHORIZED", "wrong or missing user name and password"));
        return;
      }
      List<String> services = new ArrayList<>();
      List<String> scopes = new ArrayList<>();
      parseQuery(exchange.getRequestURI().getRawQuery(), services, scopes);
      if (!services.equals(List.of(service))) {
        respond(exchange, 400, error("DENIED", "tokens are issued for service " + service));
        return;
      }
      List<TokenSigner.Grant> grants = new ArrayList<>();
      for (String scope : scopes) {
        TokenSigner.Grant grant = grant(scope);
        if (grant == null) {
          respond(exchange, 400, error("DENIED", "malformed scope " + scope));
          return;
        }
        grants.add(grant);
      }
      Instant now = Instant.now();
      String token = signer.sign(issuer, service, username, grants, now, LIFETIME);
      grantedScopes.addAll(scopes);
      respond(
          exchange,
          200,
          "{\"token\":"
              + Json.string(token)
              + ",\"access_token\":"
              + Json.string(token)
              + ",\"expires_in\":"
              + LIFETIME.toSeconds()
              + ",\"issued_at\":"
              + Json.string(now.toString())
              + "}");
    }
  }

  private boolean matches(@Nullable String authorization) {
    return authorization != null
        && MessageDigest.isEqual(
            authorization.getBytes(StandardCharsets.UTF_8),
            expectedAuthorization.getBytes(StandardCharsets.UTF_8));
  }

  /** The query's service and scope parameters; a scope parameter may list several, by spaces. */
  private static void parseQuery(
      @Nullable String rawQuery, List<String> services, List<String> scopes) {
    if (rawQuery == null) {
      return;
    }
    for (String parameter : rawQuery.split("&")) {
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      String value =
          equals < 0
              ? ""
              : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
      switch (name) {
        case "service" -> services.add(value);
        case "scope" ->
            Arrays.stream(value.split(" ")).filter(scope -> !scope.isEmpty()).forEach(scopes::add);
        default -> {
          // account, client_id and offline_token do not change what is granted here.
        }
      }
    }
  }

  /** {@code repository:team/app:pull,push}: the name may itself hold colons (a port). */
  private static TokenSigner.@Nullable Grant grant(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first <= 0 || last <= first + 1 || last == scope.length() - 1) {
      return null;
    }
    return new TokenSigner.Grant(
        scope.substring(0, first),
        scope.substring(first + 1, last),
        List.of(scope.substring(last + 1).split(",")));
  }

  private static String error(String code, String message) {
    return "{\"errors\":[{\"code\":"
        + Json.string(code)
        + ",\"message\":"
        + Json.string(message)
        + "}]}";
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
