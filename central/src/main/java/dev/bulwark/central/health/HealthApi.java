package dev.bulwark.central.health;

import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import io.javalin.http.Context;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /v1/health}, without a token, for probes and load balancers: 200 while the database
 * answers, 503 while it does not (a replica without its database cannot serve anything).
 */
public final class HealthApi implements ApiFeature {
  private final BooleanSupplier databaseReachable;
  private final String version;

  /**
   * @param databaseReachable answers within a few seconds whether the database is reachable
   * @param version the server's version, reported to callers
   */
  public HealthApi(BooleanSupplier databaseReachable, String version) {
    this.databaseReachable = databaseReachable;
    this.version = version;
  }

  /** The body of the health response. */
  record Health(String status, String database, String version) {}

  @Override
  public void register(Routes routes) {
    routes
        .group("Health", "Whether this replica can serve requests.")
        .schema(
            "Health",
            """
            {
              "type": "object",
              "required": ["status", "database", "version"],
              "properties": {
                "status": {"type": "string", "enum": ["ok", "unavailable"]},
                "database": {"type": "string", "enum": ["reachable", "unreachable"]},
                "version": {"type": "string", "description": "The server's version."}
              }
            }
            """)
        .get("/v1/health", Permission.PUBLIC, this::health)
        .operation("getHealth", "Report whether the server and its database are up")
        .description("Needs no token, for probes and load balancers.")
        .returns(200, "Health", "The server and its database are up.")
        .returns(503, "Health", "The database cannot be reached.");
  }

  private void health(Context ctx) {
    boolean reachable = databaseReachable.getAsBoolean();
    ctx.status(reachable ? 200 : 503)
        .json(
            new Health(
                reachable ? "ok" : "unavailable",
                reachable ? "reachable" : "unreachable",
                version));
  }
}
