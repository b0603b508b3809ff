package dev.bulwark.central.exceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.PageRequest;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.policy.exception.PolicyException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The policy exceptions API: list, show, create, replace and delete exceptions. Bodies have the
 * fields of an entry of the CLI's {@code --exceptions} files and are validated by the policy
 * library's reader. An exception may name policies central does not (yet) keep: it is stored, and
 * the response lists those references under {@code unknownPolicies}, since exceptions are often
 * written before the policies they waive are imported, and the CLI accepts them too.
 */
public final class ExceptionApi implements ApiFeature {
  private final ExceptionStore exceptions;
  private final Clock clock;

  public ExceptionApi(ExceptionStore exceptions, Clock clock) {
    this.exceptions = exceptions;
    this.clock = clock;
  }

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Exceptions",
            "Policy exceptions: waivers of policies or categories for a scope, each with an"
                + " owner, a reason, an optional ticket and an optional expiry. The fields are"
                + " those of the CLI's --exceptions files.");
    group
        .schema(
            "PolicyException",
            """
            {
              "type": "object",
              "required": ["id", "name", "policies", "categories", "scope", "owner", "reason",
                           "expired", "unknownPolicies", "createdAt", "updatedAt", "updatedBy"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "policies": {"type": "array", "items": {"type": "string"}, "description": "Policy names or ids."},
                "categories": {"type": "array", "items": {"type": "string"}},
                "scope": {
                  "type": "object",
                  "description": "Where the exception applies; every non-empty field must match (RE2 regular expressions).",
                  "properties": {
                    "cluster": {"type": "string"},
                    "namespaces": {"type": "array", "items": {"type": "string"}},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "workloads": {"type": "array", "items": {"type": "string"}},
                    "images": {"type": "array", "items": {"type": "string"}}
                  }
                },
                "owner": {"type": "string"},
                "reason": {"type": "string"},
                "ticket": {"type": ["string", "null"]},
                "expires": {"type": ["string", "null"], "format": "date-time", "description": "When it stops applying; null: never."},
                "expired": {"type": "boolean"},
                "daysSinceExpiry": {"type": ["integer", "null"], "description": "Whole days since it expired; null while active."},
                "unknownPolicies": {"type": "array", "items": {"type": "string"}, "description": "Entries of policies that name no policy central keeps (by id or name)."},
                "createdAt": {"type": "string", "format": "date-time"},
                "updatedAt": {"type": "string", "format": "date-time"},
                "updatedBy": {"type": "string"}
              }
            }
            """)
        .schema(
            "PolicyExceptionDocument",
            """
            {
              "type": "object",
              "required": ["name", "owner", "reason"],
              "description": "An exception as in an --exceptions file: name, policies and/or categories, scope, owner, reason, ticket, expires (RFC 3339 time, or a date meaning through the end of that day in UTC). A PolicyException resource (apiVersion bulwark.dev/v1alpha1) is accepted too.",
              "properties": {
                "name": {"type": "string"},
                "policies": {"type": "array", "items": {"type": "string"}},
                "categories": {"type": "array", "items": {"type": "string"}},
                "scope": {"type": "object"},
                "owner": {"type": "string"},
                "reason": {"type": "string"},
                "ticket": {"type": "string"},
                "expires": {"type": "string"}
              }
            }
            """);
    group
        .get("/v1/exceptions", Permission.POLICIES_READ, this::list)
        .operation("listExceptions", "List policy exceptions by name")
        .query("policy", "string", "Only exceptions naming this policy (its id or its name).")
        .query("state", "string", "active (not expired) or expired.")
        .returnsPage("PolicyException", "A page of exceptions.");
    group
        .post("/v1/exceptions", Permission.POLICIES_WRITE, this::create)
        .operation("createException", "Create a policy exception")
        .body("PolicyExceptionDocument")
        .returns(201, "PolicyException", "The exception as stored.")
        .fails(409, "Another exception has the name.");
    group
        .get("/v1/exceptions/{id}", Permission.POLICIES_READ, this::show)
        .operation("getException", "Show a policy exception")
        .pathId("id", "The exception's id.")
        .returns(200, "PolicyException", "The exception.");
    group
        .put("/v1/exceptions/{id}", Permission.POLICIES_WRITE, this::replace)
        .operation("replaceException", "Replace a policy exception")
        .pathId("id", "The exception's id.")
        .body("PolicyExceptionDocument")
        .returns(200, "PolicyException", "The exception as stored now.")
        .fails(409, "Another exception has the name.");
    group
        .delete("/v1/exceptions/{id}", Permission.POLICIES_WRITE, this::delete)
        .operation("deleteException", "Delete a policy exception")
        .pathId("id", "The exception's id.")
        .returnsNothing(204, "The exception is deleted.");
  }

  private void list(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    String policy = ctx.queryParam("policy");
    ExceptionStore.State state = state(ctx.queryParam("state"));
    Instant now = clock.instant();
    Set<String> known = exceptions.policyReferences();
    ctx.json(
        page.page(
                exceptions.list(page.fetch(), page.after(), policy, state, now),
                stored -> stored.exception().name())
            .map(stored -> view(stored, known, now)));
  }

  private void show(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    ctx.json(view(exceptions.find(id).orElseThrow(() -> notFound(id))));
  }

  private void create(Context ctx) {
    PolicyException exception = ExceptionDocuments.read(Json.read(ctx, JsonNode.class), "body");
    StoredException stored;
    try {
      stored = exceptions.create(exception, Requests.principal(ctx).name());
    } catch (ExceptionNameTakenException e) {
      throw ApiProblem.conflict(String.valueOf(e.getMessage()));
    }
    Requests.target(ctx, stored.id());
    ctx.status(201).json(view(stored));
  }

  private void replace(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    PolicyException exception = ExceptionDocuments.read(Json.read(ctx, JsonNode.class), "body");
    StoredException stored;
    try {
      stored =
          exceptions
              .replace(id, exception, Requests.principal(ctx).name())
              .orElseThrow(() -> notFound(id));
    } catch (ExceptionNameTakenException e) {
      throw ApiProblem.conflict(String.valueOf(e.getMessage()));
    }
    ctx.json(view(stored));
  }

  private void delete(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    if (!exceptions.delete(id)) {
      throw notFound(id);
    }
    ctx.status(204);
  }

  private JsonNode view(StoredException stored) {
    return view(stored, exceptions.policyReferences(), clock.instant());
  }

  private static JsonNode view(StoredException stored, Set<String> knownPolicies, Instant now) {
    PolicyException exception = stored.exception();
    ObjectNode view = Json.MAPPER.createObjectNode();
    view.put("id", stored.id().toString());
    view.setAll(ExceptionDocuments.write(exception));
    if (!view.has("ticket")) {
      view.putNull("ticket");
    }
    if (!view.has("expires")) {
      view.putNull("expires");
    }
    Instant expires = exception.expires();
    boolean expired = exception.isExpired(now);
    view.put("expired", expired);
    if (expired && expires != null) {
      view.put("daysSinceExpiry", Duration.between(expires, now).toDays());
    } else {
      view.putNull("daysSinceExpiry");
    }
    exception.policies().stream()
        .filter(policy -> !knownPolicies.contains(policy))
        .forEach(view.putArray("unknownPolicies")::add);
    if (!view.has("unknownPolicies")) {
      view.putArray("unknownPolicies");
    }
    view.put("createdAt", stored.createdAt().toString());
    view.put("updatedAt", stored.updatedAt().toString());
    view.put("updatedBy", stored.updatedBy());
    return view;
  }

  private static ExceptionStore.@Nullable State state(@Nullable String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "active" -> ExceptionStore.State.ACTIVE;
      case "expired" -> ExceptionStore.State.EXPIRED;
      default ->
          throw ApiProblem.badRequest(
              "invalid-parameter", "state must be active or expired, found '" + value + "'");
    };
  }

  private static ApiProblem notFound(UUID id) {
    return ApiProblem.notFound(
        "no exception has the id '" + id + "'; GET /v1/exceptions lists the exceptions");
  }
}
