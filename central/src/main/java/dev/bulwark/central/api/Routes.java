package dev.bulwark.central.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.auth.AccessDeniedException;
import dev.bulwark.central.auth.AuthenticationException;
import dev.bulwark.central.auth.Authenticator;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.auth.Principal;
import dev.bulwark.central.auth.Role;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jdbi.v3.core.ConnectionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of every API route, and the only code that hands routes to Javalin (an ArchUnit rule
 * in {@code ArchitectureTest} enforces it). Features register routes through a {@link RouteGroup},
 * which demands a {@link Permission} for each; {@link #install} serves each route behind the same
 * steps: authenticate the bearer token (unless the route is public), check the permission, record
 * audited calls, and answer every failure as problem details. The OpenAPI document is generated
 * from the same registry, so it cannot drift from what is served.
 *
 * <p>Registration is single-threaded, before {@link #install}; serving is thread-safe.
 */
public final class Routes {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern REFERENCE = Pattern.compile("\"\\$ref\"\\s*:\\s*\"([^\"]*)\"");
  private static final String SCHEMA_REFERENCE = "#/components/schemas/";
  static final String PROBLEM_JSON = "application/problem+json";
  private static final Comparator<Route> ORDER =
      Comparator.comparing(Route::path).thenComparing(Route::method);

  private final Map<String, String> tags = new LinkedHashMap<>();
  private final List<RouteBuilder> builders = new ArrayList<>();
  private final Map<String, JsonNode> schemas = new TreeMap<>();

  /**
   * A group of routes under {@code tag} (e.g. {@code Clusters}), described by {@code description}
   * in the API document.
   */
  public RouteGroup group(String tag, String description) {
    if (tags.putIfAbsent(tag, description) != null) {
      throw new IllegalStateException("the route group '" + tag + "' exists");
    }
    return new RouteGroup(this, tag);
  }

  /** A group of routes as the API description shows it. */
  public record Tag(String name, String description) {}

  /** The groups, in registration order. */
  public List<Tag> tags() {
    return tags.entrySet().stream().map(tag -> new Tag(tag.getKey(), tag.getValue())).toList();
  }

  /** The registered schemas by name, sorted. */
  public Map<String, JsonNode> schemas() {
    return new TreeMap<>(schemas);
  }

  /**
   * Every route, sorted by path and method, after checking the registry as a whole: each route
   * complete, no path and method twice, operation ids unique, every schema named by a route or a
   * {@code $ref} registered.
   *
   * @throws IllegalStateException naming the first inconsistency
   */
  public List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    Set<String> endpoints = new HashSet<>();
    Set<String> operations = new HashSet<>();
    for (RouteBuilder builder : builders) {
      Route route = builder.build();
      if (!endpoints.add(route.method() + " " + route.path())) {
        throw new IllegalStateException(
            route.method() + " " + route.path() + " is registered twice");
      }
      if (!operations.add(route.operationId())) {
        throw new IllegalStateException("operation id '" + route.operationId() + "' is used twice");
      }
      checkSchema(route.body(), route);
      for (Route.Response response : route.responses()) {
        checkSchema(response.schema(), route);
      }
      routes.add(route);
    }
    for (Map.Entry<String, JsonNode> schema : schemas.entrySet()) {
      Matcher references = REFERENCE.matcher(schema.getValue().toString());
      while (references.find()) {
        String reference = references.group(1);
        if (!reference.startsWith(SCHEMA_REFERENCE)
            || !schemas.containsKey(reference.substring(SCHEMA_REFERENCE.length()))) {
          throw new IllegalStateException(
              "schema " + schema.getKey() + " refers to the unknown schema '" + reference + "'");
        }
      }
    }
    routes.sort(ORDER);
    return List.copyOf(routes);
  }

  /**
   * Serves every route on {@code config}, with the steps described on this class, and answers
   * unknown paths, wrong methods and failures as problem details.
   *
   * @param maxBodyBytes larger request bodies are refused with 413
   */
  public void install(
      JavalinConfig config, Authenticator authenticator, CallRecorder audit, int maxBodyBytes) {
    Gate gate = new Gate(authenticator, audit, maxBodyBytes);
    config.http.maxRequestSize = maxBodyBytes;
    config.http.prefer405over404 = true;
    for (Route route : routes()) {
      config.routes.addHttpHandler(
          HandlerType.findOrCreate(route.method().name()),
          route.path(),
          ctx -> gate.serve(route, ctx));
    }
    config.routes.exception(Exception.class, Routes::answerFailure);
    config.routes.error(404, ctx -> answerUnmatched(ctx, 404));
    config.routes.error(405, ctx -> answerUnmatched(ctx, 405));
  }

  /**
   * Makes the server's stop graceful and its own errors problems: a {@link GracefulHandler} around
   * the API counts requests in flight and, once stopping, answers new ones on open connections with
   * a 503; the stop waits for the count to reach zero, up to {@code drain} (a request waiting for
   * its client may idle that long too). Errors Jetty raises before any handler (bad request lines,
   * oversized headers) are answered by {@link ProblemErrorHandler}.
   *
   * @param server receives the Jetty server once it is built
   */
  public static void drainOnStop(JavalinConfig config, Duration drain, Consumer<Server> server) {
    config.jetty.modifyServer(jetty -> {
      GracefulHandler graceful = new GracefulHandler();
      graceful.setShutdownIdleTimeout(drain.toMillis());
      jetty.setStopTimeout(drain.toMillis());
      jetty.setHandler(graceful);
      jetty.setErrorHandler(new ProblemErrorHandler());
      server.accept(jetty);
    });
    config.jetty.modifyServletContextHandler(
        context -> context.setErrorHandler(new ProblemErrorHandler()));
  }

  void add(RouteBuilder builder) {
    builders.add(builder);
  }

  void schema(String name, String jsonSchema) {
    if (!SCHEMA_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("schema name '" + name + "' is not PascalCase");
    }
    JsonNode schema;
    try {
      schema = Json.MAPPER.readTree(jsonSchema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "schema " + name + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!schema.isObject()) {
      throw new IllegalArgumentException("schema " + name + " is not a JSON object");
    }
    if (schemas.putIfAbsent(name, schema) != null) {
      throw new IllegalStateException("schema " + name + " is registered twice");
    }
  }

  private void checkSchema(@Nullable String name, Route route) {
    if (name != null && !schemas.containsKey(name)) {
      throw new IllegalStateException(
          route.method() + " " + route.path() + " names the unknown schema " + name);
    }
  }

  /** The steps every request goes through before and after its handler. */
  private record Gate(Authenticator authenticator, CallRecorder audit, int maxBodyBytes) {
    void serve(Route route, Context ctx) throws Exception {
      Requests.maxBodyBytes(ctx, maxBodyBytes);
      refuseNullCharacters(ctx);
      if (route.permission().isPublic()) {
        route.handler().handle(ctx);
        return;
      }
      Principal principal = authenticate(ctx);
      if (!route.permission().grants(principal.role())) {
        throw new ApiProblem(
            403,
            "permission-denied",
            "the token '"
                + principal.name()
                + "' has the role "
                + principal.role().wireName()
                + ", which lacks the permission "
                + route.permission().wireName()
                + " this endpoint needs (roles that have it: "
                + route.permission().roles().stream()
                    .map(Role::wireName)
                    .collect(Collectors.joining(", "))
                + ")");
      }
      Requests.principal(ctx, principal);
      if (route.method().hasBody() && ctx.contentLength() > maxBodyBytes) {
        throw Json.tooLarge(maxBodyBytes);
      }
      if (!route.permission().audited()) {
        route.handler().handle(ctx);
        return;
      }
      long record = audit.started(principal, route.method(), ctx.path());
      int status = 500;
      try {
        route.handler().handle(ctx);
        status = ctx.statusCode();
      } catch (ApiProblem e) {
        status = e.status();
        throw e;
      } catch (AccessDeniedException e) {
        status = 403;
        throw e;
      } finally {
        String target = Requests.target(ctx);
        finish(record, status, target != null ? target : ctx.pathParamMap().get("id"));
      }
    }

    /**
     * A parameter holding U+0000 is a 400 before any handler compares it with the database, which
     * cannot hold one (PostgreSQL would fail the query, and the call would be a 500).
     */
    private static void refuseNullCharacters(Context ctx) {
      Map<String, String> path = ctx.pathParamMap();
      for (Map.Entry<String, String> parameter : path.entrySet()) {
        if (parameter.getValue().indexOf('\0') >= 0) {
          throw nullCharacter(parameter.getKey());
        }
      }
      for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
        if (parameter.getKey().indexOf('\0') >= 0
            || parameter.getValue().stream().anyMatch(value -> value.indexOf('\0') >= 0)) {
          throw nullCharacter(parameter.getKey());
        }
      }
    }

    private static ApiProblem nullCharacter(String parameter) {
      return ApiProblem.badRequest(
          "invalid-parameter",
          "the parameter '"
              + parameter.replace("\0", "\\0")
              + "' holds a NUL character (%00); remove it");
    }

    private Principal authenticate(Context ctx) {
      try {
        return authenticator.authenticate(ctx.header("Authorization"));
      } catch (AuthenticationException e) {
        String challenge =
            e.reason() == AuthenticationException.Reason.MISSING
                ? "Bearer realm=\"bulwark\""
                : "Bearer realm=\"bulwark\", error=\"invalid_token\"";
        throw new ApiProblem(401, e.reason().code(), String.valueOf(e.getMessage()))
            .withHeader("WWW-Authenticate", challenge);
      }
    }

    private void finish(long record, int status, @Nullable String target) {
      try {
        audit.finished(record, status, target);
      } catch (RuntimeException e) {
        LOG.error("audit record {} could not be completed (status {})", record, status, e);
      }
    }
  }

  private static void answerFailure(Exception failure, Context ctx) {
    ApiProblem problem = problem(failure, ctx);
    if (problem != null) {
      if (problem.status() != 413) {
        UnreadBody.discard(ctx, bodyLimit(ctx));
      }
      write(ctx, problem, null);
      return;
    }
    String incident = UUID.randomUUID().toString();
    LOG.error("incident {}: {} {} failed", incident, ctx.method(), ctx.path(), failure);
    write(
        ctx,
        new ApiProblem(
            500,
            "internal-error",
            "the server failed to handle the request; its log has the details under incident "
                + incident),
        incident);
  }

  private static @Nullable ApiProblem problem(Exception failure, Context ctx) {
    return switch (failure) {
      case ApiProblem problem -> problem;
      case AccessDeniedException denied ->
          new ApiProblem(403, denied.code(), String.valueOf(denied.getMessage()));
      case HttpResponseException response -> fromJavalin(response.getStatus(), ctx);
      default ->
          databaseUnavailable(failure)
              ? unavailable()
              : unstorableText(failure) ? unstorableTextProblem() : null;
    };
  }

  private static void answerUnmatched(Context ctx, int status) {
    String contentType = ctx.res().getContentType();
    if (contentType != null && contentType.startsWith(PROBLEM_JSON)) {
      return;
    }
    ApiProblem problem = fromJavalin(status, ctx);
    UnreadBody.discard(ctx, bodyLimit(ctx));
    write(ctx, problem == null ? ApiProblem.notFound("not found") : problem, null);
  }

  /** The server's body limit; for a path no route takes (none set it), a mebibyte. */
  private static long bodyLimit(Context ctx) {
    return Requests.maxBodyBytesOr(ctx, 1024 * 1024);
  }

  private static @Nullable ApiProblem fromJavalin(int status, Context ctx) {
    String request = ctx.method() + " " + ctx.path();
    return switch (status) {
      case 404 ->
          ApiProblem.notFound(
              "there is no endpoint " + request + "; the API is described at /v1/openapi.json");
      case 405 ->
          new ApiProblem(
              405,
              "method-not-allowed",
              request + " is not allowed on this path; see /v1/openapi.json for its methods");
      case 413 ->
          new ApiProblem(413, "body-too-large", "the body is larger than this server accepts");
      case 400 -> ApiProblem.badRequest("bad-request", "the request is malformed");
      default -> null;
    };
  }

  private static boolean databaseUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectionException
          || cause instanceof SQLTransientConnectionException) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether PostgreSQL refused text it cannot hold: the NUL character (U+0000), valid in JSON and
   * Java strings but in no PostgreSQL text or jsonb value. Checked here, once, rather than in every
   * handler that binds a string from a request.
   */
  private static boolean unstorableText(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && ("22P05".equals(sql.getSQLState()) || "22021".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static ApiProblem unstorableTextProblem() {
    return ApiProblem.badRequest(
        "unstorable-text",
        "the request contains the NUL character (U+0000, JSON \\u0000 or URL %00), which"
            + " central cannot store or search for; remove it");
  }

  private static ApiProblem unavailable() {
    return new ApiProblem(
        503,
        "database-unavailable",
        "the database cannot be reached right now; retry later (GET /v1/health shows its state)");
  }

  private static void write(Context ctx, ApiProblem problem, @Nullable String incident) {
    problem.headers().forEach(ctx::header);
    try {
      ctx.status(problem.status())
          .contentType(PROBLEM_JSON)
          .result(Json.MAPPER.writeValueAsBytes(problem.details(ctx.path(), incident)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("problem details always serialise", e);
    }
  }
}
