package dev.bulwark.central.openapi;

import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** {@code GET /v1/openapi.json}: the API's description, for any valid token. */
public final class OpenApiApi implements ApiFeature {
  private @Nullable Routes routes;
  private volatile byte @Nullable [] document;

  @Override
  public void register(Routes routes) {
    this.routes = routes;
    routes
        .group("API description", "The OpenAPI 3.1 description of this API.")
        .schema(
            "OpenApiDocument",
            """
            {"type": "object", "description": "An OpenAPI 3.1 document."}
            """)
        .get("/v1/openapi.json", Permission.API_DOCS_READ, this::serve)
        .operation("getOpenApiDocument", "Describe the API (OpenAPI 3.1)")
        .returns(200, "OpenApiDocument", "The description of every endpoint.");
  }

  private void serve(Context ctx) {
    ctx.contentType("application/json").result(document());
  }

  /** Generated on first use, when every feature has registered. */
  private byte[] document() {
    byte[] generated = document;
    if (generated == null) {
      Routes registered = routes;
      if (registered == null) {
        throw new IllegalStateException("served before it was registered");
      }
      generated = OpenApiDocument.text(registered).getBytes(StandardCharsets.UTF_8);
      document = generated;
    }
    return generated;
  }
}
