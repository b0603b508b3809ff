package dev.bulwark.central.api;

import dev.bulwark.central.auth.Permission;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * A feature's routes (one tag of the API description). The only way to add a route is one of the
 * methods below, and each demands the {@link Permission} the caller needs.
 */
public final class RouteGroup {
  private final Routes routes;
  private final String tag;

  RouteGroup(Routes routes, String tag) {
    this.routes = routes;
    this.tag = tag;
  }

  public RouteBuilder get(String path, Permission permission, Handler handler) {
    return add(HttpMethod.GET, path, permission, handler);
  }

  public RouteBuilder post(String path, Permission permission, Handler handler) {
    return add(HttpMethod.POST, path, permission, handler);
  }

  public RouteBuilder put(String path, Permission permission, Handler handler) {
    return add(HttpMethod.PUT, path, permission, handler);
  }

  public RouteBuilder patch(String path, Permission permission, Handler handler) {
    return add(HttpMethod.PATCH, path, permission, handler);
  }

  public RouteBuilder delete(String path, Permission permission, Handler handler) {
    return add(HttpMethod.DELETE, path, permission, handler);
  }

  /**
   * Registers a named JSON Schema (2020-12, as OpenAPI 3.1 uses) for bodies; refer to others with
   * {@code {"$ref": "#/components/schemas/Name"}}.
   */
  public RouteGroup schema(String name, String jsonSchema) {
    routes.schema(name, jsonSchema);
    return this;
  }

  private RouteBuilder add(HttpMethod method, String path, Permission permission, Handler handler) {
    RouteBuilder builder =
        new RouteBuilder(
            method,
            path,
            Objects.requireNonNull(permission, "every route declares a permission"),
            tag,
            handler);
    routes.add(builder);
    return builder;
  }
}
