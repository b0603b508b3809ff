package dev.bulwark.central.api;

import dev.bulwark.central.auth.Principal;
import io.javalin.http.Context;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What handlers read from a request beyond Javalin's own: the caller, typed path parameters. */
public final class Requests {
  private static final String PRINCIPAL = "bulwark.principal";
  private static final String MAX_BODY = "bulwark.max-body-bytes";
  private static final String TARGET = "bulwark.audit-target";

  private Requests() {}

  /**
   * The authenticated caller.
   *
   * @throws IllegalStateException on a {@link dev.bulwark.central.auth.Permission#PUBLIC} route,
   *     which has none
   */
  public static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("a public route has no principal");
    }
    return principal;
  }

  /**
   * A path parameter that must be a UUID.
   *
   * @throws ApiProblem 400 when it is not
   */
  public static UUID uuid(Context ctx, String parameter) {
    String value = ctx.pathParam(parameter);
    try {
      if (value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiProblem.badRequest(
        "invalid-parameter",
        "the path parameter '" + parameter + "' must be a UUID, found '" + value + "'");
  }

  /**
   * Names the object an audited call created, for the audit log; without it the record names the
   * path parameter {@code {id}}, if the path has one.
   */
  public static void target(Context ctx, Object id) {
    ctx.attribute(TARGET, String.valueOf(id));
  }

  static void principal(Context ctx, Principal principal) {
    ctx.attribute(PRINCIPAL, principal);
  }

  static @Nullable String target(Context ctx) {
    return ctx.attribute(TARGET);
  }

  static void maxBodyBytes(Context ctx, int limit) {
    ctx.attribute(MAX_BODY, limit);
  }

  /** The request body limit, or {@code fallback} for a request no route took. */
  static int maxBodyBytesOr(Context ctx, int fallback) {
    Integer limit = ctx.attribute(MAX_BODY);
    return limit != null ? limit : fallback;
  }

  /** The request body limit of this server, in bytes. */
  public static int maxBodyBytes(Context ctx) {
    Integer limit = ctx.attribute(MAX_BODY);
    if (limit == null) {
      throw new IllegalStateException("the request did not come through the route registry");
    }
    return limit;
  }
}
