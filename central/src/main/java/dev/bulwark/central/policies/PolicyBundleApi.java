package dev.bulwark.central.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.policies.PolicyImport.Result;
import dev.bulwark.central.policies.PolicyImport.Status;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.policy.model.Policy;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Export and import of policy bundles in StackRox's format, {@code {"policies": [...]}}: what
 * StackRox's own export writes and its import reads, with Bulwark's additions on policies that have
 * them. An import answers per policy, as StackRox does: invalid policies and conflicts are reported
 * and skipped, the rest is stored in one transaction.
 */
public final class PolicyBundleApi implements ApiFeature {
  private final PolicyBundles bundles;

  public PolicyBundleApi(PolicyBundles bundles) {
    this.bundles = bundles;
  }

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Policy bundles",
            "Export and import of policies as StackRox export bundles ({\"policies\": [...]}).");
    group
        .schema(
            "PolicyBundle",
            """
            {
              "type": "object",
              "required": ["policies"],
              "description": "A StackRox policy export bundle.",
              "properties": {
                "policies": {
                  "type": "array",
                  "description": "Policies as StackRox exports them: like Policy, but 'disabled' is written only when true.",
                  "items": {"type": "object", "required": ["id", "name"]}
                }
              }
            }
            """)
        .schema(
            "PolicyImport",
            """
            {
              "type": "object",
              "description": "A StackRox policy export bundle ({\\"policies\\": [...]}), or a single policy object; each policy is validated on its own and an invalid one is reported in its result."
            }
            """)
        .schema(
            "PolicyImportResult",
            """
            {
              "type": "object",
              "required": ["dryRun", "overwrite", "results", "totals"],
              "properties": {
                "dryRun": {"type": "boolean", "description": "True when nothing was stored."},
                "overwrite": {"type": "boolean"},
                "results": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": ["index", "id", "name", "status", "conflicts", "errors"],
                    "properties": {
                      "index": {"type": "integer", "description": "The policy's position in the bundle."},
                      "id": {"type": ["string", "null"]},
                      "name": {"type": ["string", "null"]},
                      "status": {"type": "string", "enum": ["created", "updated", "unchanged", "conflict", "invalid"]},
                      "conflicts": {
                        "type": "array",
                        "description": "For conflict: the stored policies holding the id or the name.",
                        "items": {
                          "type": "object",
                          "required": ["field", "policyId", "policyName"],
                          "properties": {
                            "field": {"type": "string", "enum": ["id", "name"]},
                            "policyId": {"type": "string"},
                            "policyName": {"type": "string"}
                          }
                        }
                      },
                      "errors": {
                        "type": "array",
                        "description": "For invalid: what is wrong, as JSON pointers into the request body.",
                        "items": {
                          "type": "object",
                          "required": ["pointer", "detail"],
                          "properties": {"pointer": {"type": "string"}, "detail": {"type": "string"}}
                        }
                      }
                    }
                  }
                },
                "totals": {
                  "type": "object",
                  "description": "How many policies ended in each status.",
                  "additionalProperties": {"type": "integer"}
                }
              }
            }
            """);
    group
        .get("/v1/policies/export", Permission.POLICIES_READ, this::export)
        .operation("exportPolicies", "Export policies as a StackRox bundle")
        .query("id", "string", "A policy to export (repeat for several); every policy if absent.")
        .returns(200, "PolicyBundle", "The bundle, policies by name.")
        .fails(404, "An id given in `id` names no policy (or is empty).");
    group
        .post("/v1/policies/import", Permission.POLICIES_WRITE, this::importBundle)
        .operation("importPolicies", "Import a StackRox policy bundle")
        .description(
            "Takes an export bundle or a single policy object. Each policy is validated and"
                + " stored on its own merits: invalid ones and conflicts are reported and"
                + " skipped, the others are stored together in one transaction.")
        .query(
            "overwrite",
            "boolean",
            "Replace stored policies with the same id or name (default false: conflict).")
        .query("dryRun", "boolean", "Validate and report without storing anything.")
        .body("PolicyImport")
        .returns(200, "PolicyImportResult", "What happened to each policy.");
  }

  private void export(Context ctx) {
    List<String> ids = ctx.queryParams("id");
    List<Policy> policies;
    if (ids.isEmpty()) {
      policies = bundles.all();
    } else {
      Set<String> wanted = new LinkedHashSet<>(ids);
      policies = bundles.withIds(List.copyOf(wanted));
      policies.forEach(policy -> wanted.remove(policy.id()));
      if (!wanted.isEmpty()) {
        throw ApiProblem.notFound(
            "no policy has the id(s) "
                + String.join(", ", wanted)
                + "; GET /v1/policies lists the policies");
      }
    }
    ctx.contentType("application/json").result(PolicyWriter.toStackRoxJson(policies));
  }

  private void importBundle(Context ctx) {
    boolean overwrite = flag(ctx, "overwrite");
    boolean dryRun = flag(ctx, "dryRun");
    JsonNode body = Json.read(ctx, JsonNode.class);
    List<JsonNode> documents = documents(body);
    PolicyImport outcome =
        bundles.importBundle(
            entries(documents, body.has("policies")),
            overwrite,
            dryRun,
            Requests.principal(ctx).name());
    ctx.json(view(outcome));
  }

  /** The policy objects of a bundle, or the one policy object of the body. */
  private static List<JsonNode> documents(JsonNode body) {
    if (!(body instanceof ObjectNode object)) {
      throw ApiProblem.invalid(
          "", "the body must be a policy bundle {\"policies\": [...]} or one policy object");
    }
    if (!object.has("policies")) {
      return List.of(object);
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> fields = object.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!field.equals("policies")) {
        errors.add(
            new FieldError("/" + field, "a bundle has only \"policies\"; remove this field"));
      }
    }
    if (!(object.get("policies") instanceof ArrayNode policies) || policies.isEmpty()) {
      errors.add(new FieldError("/policies", "must be a non-empty array of policy objects"));
      throw ApiProblem.invalid(errors);
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    List<JsonNode> documents = new ArrayList<>();
    policies.forEach(documents::add);
    return documents;
  }

  /** Each document validated, and checked against the others for a repeated id or name. */
  private static List<PolicyBundles.Entry> entries(List<JsonNode> documents, boolean bundle) {
    List<PolicyBundles.Entry> entries = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    Map<String, Integer> names = new HashMap<>();
    for (int index = 0; index < documents.size(); index++) {
      String prefix = bundle ? "/policies/" + index : "";
      PolicyBundles.Entry entry = entry(index, documents.get(index), prefix);
      if (entry instanceof PolicyBundles.Entry.Valid valid) {
        Policy policy = valid.policy();
        List<FieldError> repeated = new ArrayList<>();
        Integer sameId = ids.putIfAbsent(policy.id(), index);
        if (sameId != null) {
          repeated.add(
              new FieldError(prefix + "/id", "the policy at index " + sameId + " has the same id"));
        }
        Integer sameName = names.putIfAbsent(policy.name(), index);
        if (sameName != null) {
          repeated.add(
              new FieldError(
                  prefix + "/name", "the policy at index " + sameName + " has the same name"));
        }
        if (!repeated.isEmpty()) {
          entry = invalid(index, policy.id(), policy.name(), repeated);
        }
      }
      entries.add(entry);
    }
    return entries;
  }

  private static PolicyBundles.Entry entry(int index, JsonNode document, String prefix) {
    if (!(document instanceof ObjectNode object)) {
      return invalid(index, null, null, List.of(new FieldError(prefix, "must be a policy object")));
    }
    if (object.has("policies")) {
      return invalid(
          index,
          null,
          null,
          List.of(new FieldError(prefix + "/policies", "bundles cannot be nested")));
    }
    List<Policy> read;
    try {
      read = PolicyReader.parse(object.toString(), "policies[" + index + "]");
    } catch (InvalidPolicyException e) {
      return invalid(
          index,
          text(object, "id"),
          text(object, "name"),
          e.problems().stream()
              .map(problem ->
                  new FieldError(prefix + PolicyApi.pointer(problem.field()), problem.reason()))
              .toList());
    }
    if (read.size() != 1) {
      return invalid(
          index,
          text(object, "id"),
          text(object, "name"),
          List.of(new FieldError(prefix, "must be one policy object")));
    }
    return new PolicyBundles.Entry.Valid(index, read.getFirst());
  }

  private static PolicyBundles.Entry invalid(
      int index, @Nullable String id, @Nullable String name, List<FieldError> errors) {
    return new PolicyBundles.Entry.Invalid(
        index, new Result(index, id, name, Status.INVALID, List.of(), errors));
  }

  private static @Nullable String text(ObjectNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static boolean flag(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return false;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiProblem.badRequest(
              "invalid-parameter", name + " must be true or false, found '" + value + "'");
    };
  }

  private static JsonNode view(PolicyImport outcome) {
    ObjectNode view = Json.MAPPER.createObjectNode();
    view.put("dryRun", outcome.dryRun());
    view.put("overwrite", outcome.overwrite());
    ArrayNode results = view.putArray("results");
    for (Result result : outcome.results()) {
      ObjectNode item = results.addObject();
      item.put("index", result.index());
      item.put("id", result.id());
      item.put("name", result.name());
      item.put("status", result.status().name().toLowerCase(Locale.ROOT));
      ArrayNode conflicts = item.putArray("conflicts");
      result
          .conflicts()
          .forEach(conflict ->
              conflicts
                  .addObject()
                  .put("field", conflict.field())
                  .put("policyId", conflict.policyId())
                  .put("policyName", conflict.policyName()));
      ArrayNode errors = item.putArray("errors");
      result
          .errors()
          .forEach(error ->
              errors.addObject().put("pointer", error.pointer()).put("detail", error.detail()));
    }
    ObjectNode totals = view.putObject("totals");
    for (Status status : Status.values()) {
      totals.put(status.name().toLowerCase(Locale.ROOT), outcome.count(status));
    }
    return view;
  }
}
