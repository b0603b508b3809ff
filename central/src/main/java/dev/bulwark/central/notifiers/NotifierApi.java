package dev.bulwark.central.notifiers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.FieldError;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.PageRequest;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.api.Validation;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.notifiers.channel.AlertDocument;
import dev.bulwark.central.notifiers.channel.DeliveryException;
import dev.bulwark.central.notifiers.channel.Fields;
import dev.bulwark.central.notifiers.channel.NotifierType;
import dev.bulwark.central.secrets.SecretException;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The notifiers API: list, show, create, replace and delete notifiers, and send a test message.
 * Secrets are write-only: a response says which are set, never what they are.
 */
public final class NotifierApi implements ApiFeature {
  private static final int MAX_NAME_LENGTH = 128;

  /** A Kubernetes annotation key: an optional DNS-subdomain prefix and a name. */
  private static final Pattern ANNOTATION_KEY =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private final NotifierStore notifiers;
  private final NotificationDispatcher dispatcher;

  public NotifierApi(NotifierStore notifiers, NotificationDispatcher dispatcher) {
    this.notifiers = notifiers;
    this.dispatcher = dispatcher;
  }

  /** The body of a create or replace. */
  record NotifierBody(
      @Nullable String name,
      @Nullable String type,
      @Nullable ObjectNode settings,
      @Nullable Map<String, String> secrets,
      @Nullable String targetAnnotation) {}

  /** A notifier as the API shows it. */
  record NotifierView(
      UUID id,
      String name,
      String type,
      ObjectNode settings,
      Map<String, SecretView> secrets,
      @Nullable String targetAnnotation,
      Instant createdAt,
      Instant updatedAt,
      String updatedBy,
      StatusView status) {}

  /** Whether a secret is set; its value is never shown. */
  record SecretView(boolean set) {}

  record StatusView(
      String state,
      int consecutiveFailures,
      @Nullable String lastError,
      @Nullable Instant lastFailureAt,
      @Nullable Instant lastSuccessAt,
      long pending,
      long gaveUp) {}

  /** The outcome of a test message. */
  record TestResult(boolean delivered, @Nullable String error) {}

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Notifiers",
            "Where alerts are sent: Slack, Microsoft Teams, Jira, PagerDuty, webhooks, email,"
                + " Splunk and syslog. Policies name their notifiers; each new alert, resolution"
                + " and admission denial is delivered once per notifier, with retries.");
    String types =
        Arrays.stream(NotifierType.values())
            .map(type -> "\"" + type.wireName() + "\"")
            .collect(Collectors.joining(", "));
    group
        .schema(
            "NotifierDocument",
            """
            {
              "type": "object",
              "required": ["name", "type", "settings"],
              "additionalProperties": false,
              "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 128},
                "type": {"type": "string", "enum": [%s]},
                "settings": {"type": "object", "description": "The type's settings (see the documentation); no secrets."},
                "secrets": {"type": "object", "additionalProperties": {"type": "string"}, "description": "The type's secrets. Write-only; on a replacement, a secret left out keeps its value."},
                "targetAnnotation": {"type": ["string", "null"], "description": "An annotation key whose value on the deployment, else on its namespace, replaces the type's target (Slack and Teams webhook URL, email recipient, Jira project)."}
              }
            }
            """
                .formatted(types))
        .schema(
            "Notifier",
            """
            {
              "type": "object",
              "required": ["id", "name", "type", "settings", "secrets", "targetAnnotation", "createdAt", "updatedAt", "updatedBy", "status"],
              "properties": {
                "id": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "type": {"type": "string", "enum": [%s]},
                "settings": {"type": "object"},
                "secrets": {
                  "type": "object",
                  "description": "Each secret of the type and whether it is set; values are never returned.",
                  "additionalProperties": {"type": "object", "required": ["set"], "properties": {"set": {"type": "boolean"}}}
                },
                "targetAnnotation": {"type": ["string", "null"]},
                "createdAt": {"type": "string", "format": "date-time"},
                "updatedAt": {"type": "string", "format": "date-time"},
                "updatedBy": {"type": "string"},
                "status": {
                  "type": "object",
                  "required": ["state", "consecutiveFailures", "lastError", "lastFailureAt", "lastSuccessAt", "pending", "gaveUp"],
                  "properties": {
                    "state": {"type": "string", "enum": ["healthy", "failing"], "description": "failing from a failed attempt until the next success."},
                    "consecutiveFailures": {"type": "integer"},
                    "lastError": {"type": ["string", "null"]},
                    "lastFailureAt": {"type": ["string", "null"], "format": "date-time"},
                    "lastSuccessAt": {"type": ["string", "null"], "format": "date-time"},
                    "pending": {"type": "integer", "description": "Deliveries waiting to be sent or retried."},
                    "gaveUp": {"type": "integer", "description": "Deliveries given up on in the last 7 days."}
                  }
                }
              }
            }
            """
                .formatted(types))
        .schema(
            "NotifierTestResult",
            """
            {
              "type": "object",
              "required": ["delivered", "error"],
              "properties": {
                "delivered": {"type": "boolean"},
                "error": {"type": ["string", "null"], "description": "Why the peer did not take the message."}
              }
            }
            """);
    group
        .get("/v1/notifiers", Permission.NOTIFIERS_READ, this::list)
        .operation("listNotifiers", "List notifiers by name, with their status")
        .returnsPage("Notifier", "A page of notifiers.");
    group
        .post("/v1/notifiers", Permission.NOTIFIERS_WRITE, this::create)
        .operation("createNotifier", "Create a notifier")
        .body("NotifierDocument")
        .returns(201, "Notifier", "The notifier as stored.")
        .fails(409, "Another notifier has the name.");
    group
        .get("/v1/notifiers/{id}", Permission.NOTIFIERS_READ, this::show)
        .operation("getNotifier", "Show a notifier and its status")
        .pathId("id", "The notifier's id.")
        .returns(200, "Notifier", "The notifier.");
    group
        .put("/v1/notifiers/{id}", Permission.NOTIFIERS_WRITE, this::replace)
        .operation("replaceNotifier", "Replace a notifier")
        .description("The type cannot change. Secrets left out keep their values.")
        .pathId("id", "The notifier's id.")
        .body("NotifierDocument")
        .returns(200, "Notifier", "The notifier as stored now.")
        .fails(409, "Another notifier has the name.");
    group
        .delete("/v1/notifiers/{id}", Permission.NOTIFIERS_WRITE, this::delete)
        .operation("deleteNotifier", "Delete a notifier and its queued deliveries")
        .pathId("id", "The notifier's id.")
        .returnsNothing(204, "The notifier is deleted.");
    group
        .post("/v1/notifiers/{id}/test", Permission.NOTIFIERS_WRITE, this::test)
        .operation("testNotifier", "Send a test message now")
        .description(
            "Sends a made-up alert to the notifier at once, outside the queue, and says whether"
                + " the peer took it.")
        .pathId("id", "The notifier's id.")
        .returns(200, "NotifierTestResult", "Whether the message was delivered, or the error.");
  }

  private void list(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    ctx.json(
        page.page(notifiers.list(page.fetch(), page.after()), Notifier::name)
            .map(NotifierApi::view));
  }

  private void show(Context ctx) {
    ctx.json(view(find(Requests.uuid(ctx, "id"))));
  }

  private void create(Context ctx) {
    NotifierDraft draft = validate(Json.read(ctx, NotifierBody.class), null);
    Notifier created;
    try {
      created = notifiers.create(draft, Requests.principal(ctx).name());
    } catch (NotifierNameTakenException e) {
      throw ApiProblem.conflict(String.valueOf(e.getMessage()));
    }
    Requests.target(ctx, created.id());
    ctx.status(201).json(view(created));
  }

  private void replace(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    Notifier existing = find(id);
    NotifierDraft draft = validate(Json.read(ctx, NotifierBody.class), existing);
    Optional<Notifier> replaced;
    try {
      replaced = notifiers.replace(id, draft, Requests.principal(ctx).name());
    } catch (NotifierNameTakenException e) {
      throw ApiProblem.conflict(String.valueOf(e.getMessage()));
    } catch (SecretException e) {
      throw ApiProblem.conflict(
          "the notifier's stored secrets cannot be opened with this installation's key ("
              + e.getMessage()
              + "); delete the notifier and create it again");
    }
    ctx.json(view(replaced.orElseThrow(() -> notFound(id))));
  }

  private void delete(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    if (!notifiers.delete(id)) {
      throw notFound(id);
    }
    ctx.status(204);
  }

  private void test(Context ctx) {
    Notifier notifier = find(Requests.uuid(ctx, "id"));
    try {
      dispatcher.test(notifier);
      ctx.json(new TestResult(true, null));
    } catch (DeliveryException e) {
      ctx.json(new TestResult(false, e.getMessage()));
    }
  }

  /**
   * The body as a draft, or a 422 naming every invalid field.
   *
   * @param existing the notifier being replaced; null on create
   */
  private static NotifierDraft validate(NotifierBody body, @Nullable Notifier existing) {
    Validation validation = new Validation();
    String name = validation.name("/name", body.name(), MAX_NAME_LENGTH);
    NotifierType type = null;
    if (body.type() == null) {
      validation.require(false, "/type", "is required");
    } else {
      type = NotifierType.fromWireName(body.type()).orElse(null);
      validation.require(
          type != null,
          "/type",
          "must be one of "
              + Arrays.stream(NotifierType.values())
                  .map(NotifierType::wireName)
                  .collect(Collectors.joining(", ")));
    }
    if (existing != null && type != null) {
      validation.require(
          type == existing.type(),
          "/type",
          "cannot change (it is " + existing.type().wireName() + "); create another notifier");
    }
    validation.require(body.settings() != null, "/settings", "is required (an object)");
    String annotation = body.targetAnnotation();
    if (annotation != null) {
      validation.require(
          annotation.length() <= 316 && ANNOTATION_KEY.matcher(annotation).matches(),
          "/targetAnnotation",
          "must be an annotation key such as example.com/slack-webhook");
      validation.require(
          type == null || type.targetField() != null,
          "/targetAnnotation",
          (type == null ? "this type" : type.wireName()) + " has no target an annotation can set");
    }
    validation.done();
    ObjectNode settings =
        body.settings() != null ? body.settings() : AlertDocument.MAPPER.createObjectNode();
    Map<String, String> secrets = body.secrets() == null ? Map.of() : body.secrets();
    NotifierType checked = Objects.requireNonNull(type);
    Set<String> kept = existing == null ? Set.of() : existing.secretNames();
    List<FieldError> errors = new ArrayList<>(Fields.validate(checked, settings, secrets, kept));
    if (!errors.isEmpty()) {
      throw ApiProblem.invalid(errors);
    }
    return new NotifierDraft(name, checked, settings, secrets, annotation);
  }

  private Notifier find(UUID id) {
    return notifiers.find(id).orElseThrow(() -> notFound(id));
  }

  static NotifierView view(Notifier notifier) {
    Map<String, SecretView> secrets = new LinkedHashMap<>();
    for (String name : notifier.type().secretNames()) {
      secrets.put(name, new SecretView(notifier.secretNames().contains(name)));
    }
    Notifier.Status status = notifier.status();
    return new NotifierView(
        notifier.id(),
        notifier.name(),
        notifier.type().wireName(),
        notifier.settings(),
        secrets,
        notifier.targetAnnotation(),
        notifier.createdAt(),
        notifier.updatedAt(),
        notifier.updatedBy(),
        new StatusView(
            status.state(),
            status.consecutiveFailures(),
            status.lastError(),
            status.lastFailureAt(),
            status.lastSuccessAt(),
            status.pending(),
            status.gaveUp()));
  }

  private static ApiProblem notFound(UUID id) {
    return ApiProblem.notFound(
        "no notifier has the id '" + id + "'; GET /v1/notifiers lists the notifiers");
  }
}
