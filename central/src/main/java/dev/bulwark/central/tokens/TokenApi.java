package dev.bulwark.central.tokens;

import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.PageRequest;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.api.Validation;
import dev.bulwark.central.auth.ApiToken;
import dev.bulwark.central.auth.IssuedToken;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.auth.Role;
import dev.bulwark.central.auth.TokenNameTakenException;
import dev.bulwark.central.auth.TokenRequest;
import dev.bulwark.central.auth.TokenStore;
import dev.bulwark.central.storage.Constraints;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/** The API tokens API, for admins: issue (the secret is shown once), list, show, revoke. */
public final class TokenApi implements ApiFeature {
  private static final String ROLES =
      Arrays.stream(Role.values()).map(Role::wireName).collect(Collectors.joining(", "));

  private final TokenStore tokens;
  private final Clock clock;

  public TokenApi(TokenStore tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  /** The body of {@code POST /v1/tokens}. */
  record NewToken(
      @Nullable String name,
      @Nullable String role,
      @Nullable UUID clusterId,
      @Nullable Instant expiresAt) {}

  /** A token as the API shows it: never the secret. */
  record TokenView(
      UUID id,
      String name,
      String role,
      @Nullable UUID clusterId,
      String state,
      Instant createdAt,
      @Nullable String createdBy,
      @Nullable Instant expiresAt,
      @Nullable Instant revokedAt,
      @Nullable Instant lastUsedAt) {}

  /** A token just issued: its view and, this once, its secret. */
  record IssuedView(
      UUID id,
      String name,
      String role,
      @Nullable UUID clusterId,
      Instant createdAt,
      @Nullable Instant expiresAt,
      String token) {}

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Tokens",
            "API tokens. A token's secret is shown once, when it is issued; central keeps only its"
                + " SHA-256. Revoked and expired tokens stop working at once on every replica.");
    group
        .schema(
            "NewToken",
            """
            {
              "type": "object",
              "required": ["name", "role"],
              "additionalProperties": false,
              "properties": {
                "name": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 200,
                  "description": "Unique among tokens that are not revoked; the audit log shows it."
                },
                "role": {"type": "string", "enum": ["admin", "analyst", "ci", "sensor"]},
                "clusterId": {
                  "type": ["string", "null"],
                  "format": "uuid",
                  "description": "Required for the sensor role, which acts for this cluster only; not allowed for other roles."
                },
                "expiresAt": {
                  "type": ["string", "null"],
                  "format": "date-time",
                  "description": "When the token stops working; in the future. Omit for no expiry."
                }
              }
            }
            """)
        .schema(
            "Token",
            """
            {
              "type": "object",
              "required": ["id", "name", "role", "clusterId", "state", "createdAt", "createdBy",
                           "expiresAt", "revokedAt", "lastUsedAt"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "role": {"type": "string", "enum": ["admin", "analyst", "ci", "sensor"]},
                "clusterId": {"type": ["string", "null"], "format": "uuid"},
                "state": {"type": "string", "enum": ["active", "expired", "revoked"]},
                "createdAt": {"type": "string", "format": "date-time"},
                "createdBy": {"type": ["string", "null"], "description": "The issuing token's name."},
                "expiresAt": {"type": ["string", "null"], "format": "date-time"},
                "revokedAt": {"type": ["string", "null"], "format": "date-time"},
                "lastUsedAt": {
                  "type": ["string", "null"],
                  "format": "date-time",
                  "description": "To the minute: central writes it at most once a minute."
                }
              }
            }
            """)
        .schema(
            "IssuedToken",
            """
            {
              "type": "object",
              "required": ["id", "name", "role", "clusterId", "createdAt", "expiresAt", "token"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "role": {"type": "string", "enum": ["admin", "analyst", "ci", "sensor"]},
                "clusterId": {"type": ["string", "null"], "format": "uuid"},
                "createdAt": {"type": "string", "format": "date-time"},
                "expiresAt": {"type": ["string", "null"], "format": "date-time"},
                "token": {"type": "string", "description": "The secret: send it as 'Authorization: Bearer <token>'. Shown only here."}
              }
            }
            """);
    group
        .post("/v1/tokens", Permission.TOKENS_WRITE, this::issue)
        .operation("issueToken", "Issue an API token")
        .body("NewToken")
        .returns(201, "IssuedToken", "The token and its secret (shown once).")
        .fails(409, "A token that is not revoked has the name.");
    group
        .get("/v1/tokens", Permission.TOKENS_READ, this::list)
        .operation("listTokens", "List API tokens, oldest first")
        .returnsPage("Token", "A page of tokens.");
    group
        .get("/v1/tokens/{id}", Permission.TOKENS_READ, this::show)
        .operation("getToken", "Show an API token")
        .pathId("id", "The token's id.")
        .returns(200, "Token", "The token.");
    group
        .delete("/v1/tokens/{id}", Permission.TOKENS_WRITE, this::revoke)
        .operation("revokeToken", "Revoke an API token")
        .description("Revoking a revoked token changes nothing and succeeds.")
        .pathId("id", "The token's id.")
        .returnsNothing(204, "The token is revoked.")
        .fails(409, "It is the last active admin token; issue another admin token first.");
  }

  private void issue(Context ctx) {
    NewToken body = Json.read(ctx, NewToken.class);
    Validation validation = new Validation();
    String name = validation.name("/name", body.name(), TokenRequest.MAX_NAME_LENGTH);
    Optional<Role> role = body.role() == null ? Optional.empty() : Role.parse(body.role());
    validation.require(role.isPresent(), "/role", "must be one of " + ROLES);
    boolean sensor = role.orElse(null) == Role.SENSOR;
    validation.require(
        !sensor || body.clusterId() != null,
        "/clusterId",
        "is required for the sensor role: the cluster the sensor acts for");
    validation.require(
        sensor || body.clusterId() == null || role.isEmpty(),
        "/clusterId",
        "is only for the sensor role");
    Instant expiresAt = body.expiresAt();
    validation.require(
        expiresAt == null || expiresAt.isAfter(clock.instant()),
        "/expiresAt",
        "must be in the future (now is "
            + DateTimeFormatter.ISO_INSTANT.format(clock.instant())
            + ")");
    validation.done();
    TokenRequest request =
        new TokenRequest(
            name, role.orElseThrow(), body.clusterId(), expiresAt, Requests.principal(ctx).name());
    IssuedToken issued;
    try {
      issued = tokens.issue(request);
    } catch (TokenNameTakenException e) {
      throw ApiProblem.conflict(String.valueOf(e.getMessage()));
    } catch (UnableToExecuteStatementException e) {
      if (Constraints.isForeignKeyViolation(e, "api_tokens_cluster_id_fkey")) {
        throw ApiProblem.invalid("/clusterId", "no cluster has the id " + body.clusterId());
      }
      throw e;
    }
    ApiToken token = issued.token();
    Requests.target(ctx, token.id());
    ctx.status(201)
        .json(
            new IssuedView(
                token.id(),
                token.name(),
                token.role().wireName(),
                token.clusterId(),
                token.createdAt(),
                token.expiresAt(),
                issued.secret()));
  }

  private void list(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    TokenStore.Position after = page.after() == null ? null : position(page.after());
    ctx.json(page.page(tokens.list(page.fetch(), after), TokenApi::cursor).map(this::view));
  }

  private void show(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    ctx.json(view(tokens.find(id).orElseThrow(() -> notFound(id))));
  }

  private void revoke(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    switch (tokens.revoke(id)) {
      case REVOKED, ALREADY_REVOKED -> ctx.status(204);
      case NOT_FOUND -> throw notFound(id);
      case LAST_ADMIN ->
          throw ApiProblem.conflict(
              "this is the last active admin token; issue another admin token before revoking"
                  + " it, or nobody could manage tokens");
    }
  }

  private TokenView view(ApiToken token) {
    return new TokenView(
        token.id(),
        token.name(),
        token.role().wireName(),
        token.clusterId(),
        token.state(clock.instant()).name().toLowerCase(Locale.ROOT),
        token.createdAt(),
        token.createdBy(),
        token.expiresAt(),
        token.revokedAt(),
        token.lastUsedAt());
  }

  private static String cursor(ApiToken token) {
    return token.createdAt() + " " + token.id();
  }

  private static TokenStore.Position position(String cursor) {
    String[] parts = cursor.split(" ", 2);
    try {
      return new TokenStore.Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw PageRequest.invalidCursor();
    }
  }

  private static ApiProblem notFound(UUID id) {
    return ApiProblem.notFound("no token has the id " + id);
  }
}
