package dev.bulwark.central.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.Route;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.auth.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3.1 description of the API, generated from the route registry: every route with its
 * permission (as a security requirement and as {@code x-bulwark-permission}), its parameters, body
 * and responses, including the problem responses its shape implies; the schemas are the ones the
 * features registered, plus the problem details schema. The output is deterministic (sorted paths,
 * methods, responses and schemas), so the checked-in copy in {@code docs/central-openapi.json} can
 * be compared with it.
 */
public final class OpenApiDocument {
  /** The API's version, the {@code /v1} of every path. */
  public static final String API_VERSION = "1";

  private static final String BEARER = "bearerAuth";
  private static final String PROBLEM = "Problem";
  private static final String SCHEMAS = "#/components/schemas/";
  private static final String DESCRIPTION =
      """
      The API of bulwark central. Every endpoint but `GET /v1/health` needs an API token, sent as \
      `Authorization: Bearer <token>`; each endpoint names the permission it needs \
      (`x-bulwark-permission`) and the roles holding it; `info.x-bulwark-roles` and \
      `info.x-bulwark-permissions` list them all. Errors are RFC 9457 problem details \
      (`application/problem+json`) whose `type` is `urn:bulwark:problem:<code>`. Lists are paged \
      with `?limit=` (1 to 500, default 50) and `?cursor=` (the `nextCursor` of the previous page). \
      Request bodies are JSON; unknown fields are errors. Times are RFC 3339 in UTC.
      """;
  private static final String PROBLEM_SCHEMA =
      """
      {
        "type": "object",
        "description": "RFC 9457 problem details.",
        "required": ["type", "title", "status", "detail", "instance"],
        "properties": {
          "type": {"type": "string", "description": "urn:bulwark:problem:<code>; switch on this."},
          "title": {"type": "string", "description": "The HTTP status phrase."},
          "status": {"type": "integer"},
          "detail": {"type": "string", "description": "What went wrong and what to do about it."},
          "instance": {"type": "string", "description": "The request path."},
          "errors": {
            "type": "array",
            "description": "For 422: each invalid field.",
            "items": {
              "type": "object",
              "required": ["pointer", "detail"],
              "properties": {
                "pointer": {"type": "string", "description": "JSON Pointer into the body."},
                "detail": {"type": "string"}
              }
            }
          },
          "incident": {"type": "string", "description": "For 500: the id of the logged failure."}
        }
      }
      """;
  private static final Map<Integer, String> IMPLIED =
      Map.of(
          400, "A parameter or the body is malformed.",
          401, "No token, or the token is unknown, expired or revoked.",
          403, "The token's role lacks the permission this endpoint needs.",
          404, "Nothing has this id.",
          413, "The body is larger than the server accepts.",
          415, "The body is not JSON.",
          422, "The body is JSON, but some fields are invalid (see errors).",
          503, "The database cannot be reached.");

  private OpenApiDocument() {}

  /** The document for every route and schema in {@code routes}. */
  public static ObjectNode generate(Routes routes) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode document = nodes.objectNode();
    document.put("openapi", "3.1.0");
    ObjectNode info = document.putObject("info");
    info.put("title", "Bulwark central API");
    info.put("version", API_VERSION);
    info.put("description", DESCRIPTION.strip());
    info.set("x-bulwark-roles", roles());
    info.set("x-bulwark-permissions", permissions());
    ArrayNode tags = document.putArray("tags");
    for (Routes.Tag tag : routes.tags()) {
      tags.addObject().put("name", tag.name()).put("description", tag.description());
    }
    ObjectNode paths = document.putObject("paths");
    for (Route route : routes.routes()) {
      ObjectNode path =
          paths.has(route.path())
              ? (ObjectNode) paths.get(route.path())
              : paths.putObject(route.path());
      path.set(route.method().name().toLowerCase(Locale.ROOT), operation(route));
    }
    ObjectNode components = document.putObject("components");
    components
        .putObject("securitySchemes")
        .putObject(BEARER)
        .put("type", "http")
        .put("scheme", "bearer")
        .put("description", "An API token: 'Authorization: Bearer <token>'.");
    ObjectNode schemas = components.putObject("schemas");
    Map<String, JsonNode> all = new TreeMap<>(routes.schemas());
    all.put(PROBLEM, parse(PROBLEM_SCHEMA));
    all.forEach(schemas::set);
    return document;
  }

  /** The document as pretty-printed JSON ending in a newline, as checked in. */
  public static String text(Routes routes) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("")
                    .withObjectEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return Json.MAPPER.writer(printer).writeValueAsString(generate(routes)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The roles a token can have. */
  private static ArrayNode roles() {
    ArrayNode roles = JsonNodeFactory.instance.arrayNode();
    for (Role role : Role.values()) {
      roles.addObject().put("name", role.wireName()).put("description", role.description());
    }
    return roles;
  }

  /** The permission table as data, so clients can see what each role may do. */
  private static ArrayNode permissions() {
    ArrayNode permissions = JsonNodeFactory.instance.arrayNode();
    for (Permission permission : Permission.values()) {
      ObjectNode node = permissions.addObject();
      node.put("name", permission.wireName());
      node.put("description", permission.description());
      ArrayNode roles = node.putArray("roles");
      permission.roles().forEach(role -> roles.add(role.wireName()));
      node.put("audited", permission.audited());
    }
    return permissions;
  }

  private static ObjectNode operation(Route route) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode operation = nodes.objectNode();
    operation.put("operationId", route.operationId());
    operation.put("summary", route.summary());
    operation.put("description", description(route));
    operation.putArray("tags").add(route.tag());
    ArrayNode security = operation.putArray("security");
    if (!route.permission().isPublic()) {
      security.addObject().putArray(BEARER);
    }
    operation.put("x-bulwark-permission", route.permission().wireName());
    if (!route.parameters().isEmpty()) {
      ArrayNode parameters = operation.putArray("parameters");
      for (Route.Parameter parameter : route.parameters()) {
        ObjectNode node = parameters.addObject();
        node.put("name", parameter.name());
        node.put("in", parameter.in().name().toLowerCase(Locale.ROOT));
        node.put("required", parameter.in() == Route.In.PATH);
        node.put("description", parameter.description());
        ObjectNode schema = node.putObject("schema").put("type", parameter.type());
        if (parameter.format() != null) {
          schema.put("format", parameter.format());
        }
      }
    }
    if (route.body() != null) {
      ObjectNode body = operation.putObject("requestBody").put("required", true);
      body.putObject("content")
          .putObject("application/json")
          .set("schema", reference(route.body()));
    }
    operation.set("responses", responses(route));
    return operation;
  }

  private static String description(Route route) {
    Permission permission = route.permission();
    String access =
        permission.isPublic()
            ? "Needs no token."
            : "Needs the permission `"
                + permission.wireName()
                + "` (roles: "
                + permission.roles().stream().map(Role::wireName).collect(Collectors.joining(", "))
                + ")."
                + (permission.audited() ? " Recorded in the audit log." : "");
    return route.description() == null ? access : route.description() + "\n\n" + access;
  }

  private static ObjectNode responses(Route route) {
    Map<Integer, ObjectNode> responses = new TreeMap<>();
    for (Route.Response response : route.responses()) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("description", response.description());
      if (response.problem()) {
        problem(node);
      } else if (response.schema() != null) {
        JsonNode schema = response.page() ? page(response.schema()) : reference(response.schema());
        node.putObject("content").putObject("application/json").set("schema", schema);
      }
      responses.put(response.status(), node);
    }
    for (int status : implied(route)) {
      responses.computeIfAbsent(
          status,
          code -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("description", IMPLIED.get(code));
            problem(node);
            return node;
          });
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    responses.forEach((status, response) -> node.set(String.valueOf(status), response));
    return node;
  }

  private static List<Integer> implied(Route route) {
    List<Integer> statuses = new ArrayList<>();
    if (!route.parameters().isEmpty() || route.body() != null) {
      statuses.add(400);
    }
    if (!route.permission().isPublic()) {
      statuses.add(401);
      statuses.add(403);
    }
    if (!route.pathParameterNames().isEmpty()) {
      statuses.add(404);
    }
    if (route.body() != null) {
      statuses.addAll(List.of(413, 415, 422));
    }
    statuses.add(503);
    return statuses;
  }

  private static void problem(ObjectNode response) {
    response
        .putObject("content")
        .putObject("application/problem+json")
        .set("schema", reference(PROBLEM));
  }

  private static ObjectNode page(String item) {
    ObjectNode page = JsonNodeFactory.instance.objectNode();
    page.put("type", "object");
    page.putArray("required").add("items").add("nextCursor");
    ObjectNode properties = page.putObject("properties");
    properties.putObject("items").put("type", "array").set("items", reference(item));
    ObjectNode next = properties.putObject("nextCursor");
    next.putArray("type").add("string").add("null");
    next.put("description", "Pass as ?cursor= for the next page; null on the last page.");
    return page;
  }

  private static ObjectNode reference(String schema) {
    return JsonNodeFactory.instance.objectNode().put("$ref", SCHEMAS + schema);
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the problem schema is JSON", e);
    }
  }
}
