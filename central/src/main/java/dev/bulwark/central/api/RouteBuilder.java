package dev.bulwark.central.api;

import dev.bulwark.central.auth.Permission;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Describes a route as it is registered: {@code group.get(path, permission, handler).operation(...)
 * .returns(...)}. Everything but the method, path, permission and handler is documentation for the
 * OpenAPI document; {@link #build()} checks it is complete.
 */
public final class RouteBuilder {
  private final HttpMethod method;
  private final String path;
  private final Permission permission;
  private final String tag;
  private final Handler handler;
  private @Nullable String operationId;
  private @Nullable String summary;
  private @Nullable String description;
  private final List<Route.Parameter> parameters = new ArrayList<>();
  private @Nullable String body;
  private final List<Route.Response> responses = new ArrayList<>();

  RouteBuilder(HttpMethod method, String path, Permission permission, String tag, Handler handler) {
    this.method = method;
    this.path = path;
    this.permission = permission;
    this.tag = tag;
    this.handler = handler;
  }

  /** The operation's id (unique, camelCase, e.g. {@code listClusters}) and one-line summary. */
  public RouteBuilder operation(String operationId, String summary) {
    this.operationId = operationId;
    this.summary = summary;
    return this;
  }

  /** A longer description (CommonMark). */
  public RouteBuilder description(String description) {
    this.description = description;
    return this;
  }

  /** Documents the path parameter {@code {name}}, a string. */
  public RouteBuilder pathParameter(String name, String description) {
    parameters.add(new Route.Parameter(name, Route.In.PATH, "string", null, description));
    return this;
  }

  /** Documents the path parameter {@code {name}}, a UUID (read it with {@link Requests#uuid}). */
  public RouteBuilder pathId(String name, String description) {
    parameters.add(new Route.Parameter(name, Route.In.PATH, "string", "uuid", description));
    return this;
  }

  /**
   * Documents an optional query parameter.
   *
   * @param type {@code string}, {@code integer} or {@code boolean}
   */
  public RouteBuilder query(String name, String type, String description) {
    parameters.add(new Route.Parameter(name, Route.In.QUERY, type, null, description));
    return this;
  }

  /** The route takes a JSON body of the schema {@code schema} (read it with {@link Json#read}). */
  public RouteBuilder body(String schema) {
    this.body = schema;
    return this;
  }

  /** A success response with a JSON body of the schema {@code schema}. */
  public RouteBuilder returns(int status, String schema, String description) {
    responses.add(new Route.Response(status, schema, false, false, description));
    return this;
  }

  /** A success response without a body (e.g. 204). */
  public RouteBuilder returnsNothing(int status, String description) {
    responses.add(new Route.Response(status, null, false, false, description));
    return this;
  }

  /**
   * A 200 response with a {@link Page} of {@code itemSchema}; adds the {@code limit} and {@code
   * cursor} query parameters of the pagination convention ({@link PageRequest}).
   */
  public RouteBuilder returnsPage(String itemSchema, String description) {
    query("limit", "integer", "Items per page, 1 to 500 (default 50).");
    query("cursor", "string", "The nextCursor of the previous page; omit for the first page.");
    responses.add(new Route.Response(200, itemSchema, true, false, description));
    return this;
  }

  /**
   * Documents a problem response particular to this route (e.g. 409); the usual ones (400, 401,
   * 403, 404, 413, 415, 422) are documented from the route's shape.
   */
  public RouteBuilder fails(int status, String description) {
    responses.add(new Route.Response(status, null, false, true, description));
    return this;
  }

  /**
   * The route.
   *
   * @throws IllegalStateException when the description is incomplete or contradicts the path
   */
  Route build() {
    String where = method + " " + path;
    if (!path.startsWith("/v1/")) {
      throw new IllegalStateException(where + ": API paths start with /v1/");
    }
    if (operationId == null || summary == null || summary.isBlank()) {
      throw new IllegalStateException(where + ": call operation(id, summary)");
    }
    if (!operationId.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalStateException(
          where + ": operation id '" + operationId + "' is not camelCase");
    }
    if (responses.stream().noneMatch(response -> !response.problem())) {
      throw new IllegalStateException(where + ": document the success response");
    }
    if (body != null && !method.hasBody()) {
      throw new IllegalStateException(where + ": " + method + " requests have no body");
    }
    Route route =
        new Route(
            method,
            path,
            permission,
            tag,
            operationId,
            summary,
            description,
            parameters,
            body,
            responses,
            handler);
    Set<String> documented = new HashSet<>();
    for (Route.Parameter parameter : parameters) {
      if (parameter.in() == Route.In.PATH) {
        documented.add(parameter.name());
      }
    }
    if (!documented.equals(new HashSet<>(route.pathParameterNames()))) {
      throw new IllegalStateException(
          where + ": document each path parameter once with pathParameter or pathId");
    }
    return route;
  }
}
