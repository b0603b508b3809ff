package dev.bulwark.central.policies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.PageRequest;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.policy.model.Policy;
import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The policies API: list, show, create, replace, delete, enable and disable policies. Bodies are
 * StackRox policy JSON (with Bulwark's additions), read and validated by {@link PolicyReader};
 * responses are the policy as {@link PolicyWriter} writes it, with {@code disabled} always present.
 */
public final class PolicyApi implements ApiFeature {
  private static final String ORIGIN = "body";
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private final PolicyStore policies;

  public PolicyApi(PolicyStore policies) {
    this.policies = policies;
  }

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Policies",
            "Policies in StackRox's JSON form, with Bulwark's additions (controls, CEL rules,"
                + " native checks). Every policy is validated as the policy library validates"
                + " imported policies.");
    group
        .schema(
            "Policy",
            """
            {
              "type": "object",
              "required": ["id", "name", "disabled"],
              "description": "A StackRox policy object (proto-JSON field names), as Bulwark exports it.",
              "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "disabled": {"type": "boolean"}
              }
            }
            """)
        .schema(
            "PolicyDocument",
            """
            {
              "type": "object",
              "required": ["name"],
              "description": "One StackRox policy object, or an export bundle with exactly one policy, with Bulwark's additions where wanted. Without an id, the id is derived from the name.",
              "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"}
              }
            }
            """);
    group
        .get("/v1/policies", Permission.POLICIES_READ, this::list)
        .operation("listPolicies", "List policies by name")
        .query("disabled", "boolean", "Only disabled (true) or enabled (false) policies.")
        .returnsPage("Policy", "A page of policies.");
    group
        .post("/v1/policies", Permission.POLICIES_WRITE, this::create)
        .operation("createPolicy", "Create a policy")
        .body("PolicyDocument")
        .returns(201, "Policy", "The policy as stored.")
        .fails(409, "Another policy has the id or the name.");
    group
        .get("/v1/policies/{id}", Permission.POLICIES_READ, this::show)
        .operation("getPolicy", "Show a policy")
        .pathParameter("id", "The policy's id.")
        .returns(200, "Policy", "The policy.");
    group
        .put("/v1/policies/{id}", Permission.POLICIES_WRITE, this::replace)
        .operation("replacePolicy", "Replace a policy")
        .description("The id in the body, if any, must be the id in the path.")
        .pathParameter("id", "The policy's id.")
        .body("PolicyDocument")
        .returns(200, "Policy", "The policy as stored now.")
        .fails(409, "Another policy has the name.");
    group
        .delete("/v1/policies/{id}", Permission.POLICIES_WRITE, this::delete)
        .operation("deletePolicy", "Delete a policy")
        .pathParameter("id", "The policy's id.")
        .returnsNothing(204, "The policy is deleted.");
    group
        .post("/v1/policies/{id}/enable", Permission.POLICIES_WRITE, ctx -> setDisabled(ctx, false))
        .operation("enablePolicy", "Enable a policy")
        .pathParameter("id", "The policy's id.")
        .returns(200, "Policy", "The policy, enabled.");
    group
        .post("/v1/policies/{id}/disable", Permission.POLICIES_WRITE, ctx -> setDisabled(ctx, true))
        .operation("disablePolicy", "Disable a policy")
        .pathParameter("id", "The policy's id.")
        .returns(200, "Policy", "The policy, disabled.");
  }

  private void list(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    Boolean disabled = disabledFilter(ctx.queryParam("disabled"));
    ctx.json(
        page.page(policies.list(page.fetch(), page.after(), disabled), PolicyApi::name)
            .map(PolicyApi::view));
  }

  private void show(Context ctx) {
    String id = ctx.pathParam("id");
    ctx.json(view(policies.find(id).orElseThrow(() -> notFound(id))));
  }

  private void create(Context ctx) {
    Policy policy = read(Json.read(ctx, JsonNode.class), null);
    StoredPolicy stored;
    try {
      stored = policies.create(policy, Requests.principal(ctx).name());
    } catch (PolicyConflictException e) {
      throw ApiProblem.conflict(String.valueOf(e.getMessage()));
    }
    Requests.target(ctx, policy.id());
    ctx.status(201).json(view(stored));
  }

  private void replace(Context ctx) {
    String id = ctx.pathParam("id");
    Policy policy = read(Json.read(ctx, JsonNode.class), id);
    StoredPolicy stored;
    try {
      stored =
          policies.replace(policy, Requests.principal(ctx).name()).orElseThrow(() -> notFound(id));
    } catch (PolicyConflictException e) {
      throw ApiProblem.conflict(String.valueOf(e.getMessage()));
    }
    ctx.json(view(stored));
  }

  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    if (!policies.delete(id)) {
      throw notFound(id);
    }
    ctx.status(204);
  }

  private void setDisabled(Context ctx, boolean disabled) {
    String id = ctx.pathParam("id");
    ctx.json(
        view(
            policies
                .setDisabled(id, disabled, Requests.principal(ctx).name())
                .orElseThrow(() -> notFound(id))));
  }

  /**
   * The one policy of a request body, validated as {@code POST /v1/policies} validates it.
   *
   * @throws ApiProblem a 422 problem listing what is wrong as JSON pointers into the body
   */
  public static Policy validated(JsonNode body) {
    return read(body, null);
  }

  /**
   * The one policy of a body, validated.
   *
   * @param pathId the id the policy must have (PUT); a body without an id gets it
   */
  private static Policy read(JsonNode body, @Nullable String pathId) {
    if (!(body instanceof ObjectNode object)) {
      throw ApiProblem.invalid("", "the body must be a policy as a JSON object");
    }
    if (pathId != null
        && !object.has("id")
        && !object.has("apiVersion")
        && !object.has("policies")) {
      object.put("id", pathId);
    }
    List<Policy> read;
    try {
      read = PolicyReader.parse(object.toString(), ORIGIN);
    } catch (InvalidPolicyException e) {
      throw ApiProblem.invalid(
          e.problems().stream()
              .map(problem -> new FieldError(pointer(problem.field()), problem.reason()))
              .toList());
    }
    if (read.size() != 1) {
      throw ApiProblem.invalid("", "the body must hold exactly one policy, found " + read.size());
    }
    Policy policy = read.getFirst();
    if (pathId != null && !policy.id().equals(pathId)) {
      throw ApiProblem.invalid(
          "/id",
          "the id in the body ('"
              + policy.id()
              + "') must be the id in the path ('"
              + pathId
              + "'); a policy's id cannot change");
    }
    return policy;
  }

  /** A policy field path such as {@code policySections[0].policyName} as a JSON pointer. */
  static String pointer(String field) {
    if (field.isEmpty()) {
      return "";
    }
    return "/" + INDEX.matcher(field).replaceAll(".$1").replace("~", "~0").replace('.', '/');
  }

  private static @Nullable Boolean disabledFilter(@Nullable String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default ->
          throw ApiProblem.badRequest(
              "invalid-parameter", "disabled must be true or false, found '" + value + "'");
    };
  }

  private static String name(StoredPolicy stored) {
    return stored.policy().name();
  }

  private static JsonNode view(StoredPolicy stored) {
    Policy policy = stored.policy();
    ObjectNode view;
    try {
      view = (ObjectNode) Json.MAPPER.readTree(PolicyWriter.toStackRoxJson(policy));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the policy writer writes JSON", e);
    }
    view.put("disabled", policy.disabled());
    return view;
  }

  private static ApiProblem notFound(String id) {
    return ApiProblem.notFound(
        "no policy has the id '" + id + "'; GET /v1/policies lists the policies");
  }
}
