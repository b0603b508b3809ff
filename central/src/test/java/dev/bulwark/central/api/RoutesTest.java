package dev.bulwark.central.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.central.auth.Permission;
import io.javalin.http.Handler;
import org.junit.jupiter.api.Test;

/** The registry refuses routes whose description is incomplete or inconsistent. */
class RoutesTest {
  private static final Handler NOTHING = ctx -> {};
  private static final String OBJECT = "{\"type\": \"object\"}";

  @Test
  void aCompleteRouteIsRegistered() {
    Routes routes = new Routes();
    RouteGroup group = routes.group("Things", "Things.").schema("Thing", OBJECT);
    group
        .get("/v1/things/{id}", Permission.CLUSTERS_READ, NOTHING)
        .operation("getThing", "Show a thing")
        .pathId("id", "The thing's id.")
        .returns(200, "Thing", "The thing.");

    assertThat(routes.routes())
        .singleElement()
        .satisfies(route -> {
          assertThat(route.permission()).isEqualTo(Permission.CLUSTERS_READ);
          assertThat(route.tag()).isEqualTo("Things");
          assertThat(route.pathParameterNames()).containsExactly("id");
        });
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose, as code not checked by NullAway could
  void aRouteWithoutAPermissionIsRefused() {
    RouteGroup group = new Routes().group("Things", "Things.");

    assertThatThrownBy(() -> group.get("/v1/things", null, NOTHING))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("every route declares a permission");
  }

  @Test
  void inconsistenciesAreNamed() {
    assertRefused(
        routes -> routes.group("T", "T.").get("/v1/a", Permission.AUDIT_READ, NOTHING),
        "GET /v1/a: call operation(id, summary)");
    assertRefused(
        routes ->
            routes
                .group("T", "T.")
                .get("/things", Permission.AUDIT_READ, NOTHING)
                .operation("listThings", "List")
                .returnsNothing(204, "none"),
        "API paths start with /v1/");
    assertRefused(
        routes ->
            routes
                .group("T", "T.")
                .get("/v1/things/{id}", Permission.AUDIT_READ, NOTHING)
                .operation("getThing", "Get")
                .returnsNothing(204, "none"),
        "document each path parameter");
    assertRefused(
        routes ->
            routes
                .group("T", "T.")
                .get("/v1/things", Permission.AUDIT_READ, NOTHING)
                .operation("listThings", "List")
                .returns(200, "Missing", "x"),
        "names the unknown schema Missing");
    assertRefused(
        routes -> {
          RouteGroup group = routes.group("T", "T.");
          group
              .get("/v1/a", Permission.AUDIT_READ, NOTHING)
              .operation("a", "A")
              .returnsNothing(204, "n");
          group
              .get("/v1/a", Permission.AUDIT_READ, NOTHING)
              .operation("b", "B")
              .returnsNothing(204, "n");
        },
        "GET /v1/a is registered twice");
    assertRefused(
        routes ->
            routes
                .group("T", "T.")
                .schema("Thing", "{\"$ref\": \"#/components/schemas/Nothing\"}")
                .get("/v1/a", Permission.AUDIT_READ, NOTHING)
                .operation("a", "A")
                .returnsNothing(204, "n"),
        "schema Thing refers to the unknown schema");
    assertRefused(
        routes ->
            routes
                .group("T", "T.")
                .delete("/v1/a", Permission.AUDIT_READ, NOTHING)
                .operation("a", "A")
                .body("Thing")
                .returnsNothing(204, "n"),
        "DELETE requests have no body");
  }

  @Test
  void schemasMustBeJsonObjects() {
    RouteGroup group = new Routes().group("T", "T.");

    assertThatThrownBy(() -> group.schema("Broken", "{"))
        .hasMessageContaining("schema Broken is not JSON");
    assertThatThrownBy(() -> group.schema("lower", OBJECT)).hasMessageContaining("not PascalCase");
  }

  private static void assertRefused(
      java.util.function.Consumer<Routes> registration, String message) {
    Routes routes = new Routes();
    registration.accept(routes);
    assertThatThrownBy(routes::routes)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(message);
  }
}
