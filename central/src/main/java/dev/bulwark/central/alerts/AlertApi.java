package dev.bulwark.central.alerts;

import dev.bulwark.central.api.ApiFeature;
import dev.bulwark.central.api.ApiProblem;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.api.PageRequest;
import dev.bulwark.central.api.Requests;
import dev.bulwark.central.api.RouteGroup;
import dev.bulwark.central.api.Routes;
import dev.bulwark.central.api.Validation;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.policies.PolicyStore;
import dev.bulwark.central.policies.StoredPolicy;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.Severity;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The alerts API: list alerts with filters, show one, resolve one by hand, count them, and the
 * sensor's report of admission denials (ATTEMPTED alerts).
 */
public final class AlertApi implements ApiFeature {
  static final int MAX_COMMENT_LENGTH = 2000;
  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_ID_LENGTH = 200;
  private static final int MAX_VIOLATIONS = 200;
  private static final int MAX_MESSAGES = 100;
  private static final int MAX_MESSAGE_LENGTH = 4096;
  private static final int MAX_METADATA_ENTRIES = 256;
  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
  private static final int MAX_ENFORCEMENT_RECORDS = 1000;
  private static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59Z");

  private final AlertStore alerts;
  private final PolicyStore policies;
  private final EnforcementRecordStore enforcement;

  public AlertApi(AlertStore alerts, PolicyStore policies, EnforcementRecordStore enforcement) {
    this.alerts = alerts;
    this.policies = policies;
    this.enforcement = enforcement;
  }

  /** The body of {@code POST /v1/alerts/{id}/resolve}. */
  record ResolveRequest(@Nullable String comment) {}

  /** The body of a sensor's report of an admission denial. */
  record AttemptReport(
      @Nullable String requestUid,
      @Nullable String operation,
      @Nullable Instant time,
      @Nullable DeniedObject object,
      @Nullable List<ReportedViolation> violations) {}

  /** The object admission denied. */
  record DeniedObject(
      @Nullable String apiVersion,
      @Nullable String kind,
      @Nullable String namespace,
      @Nullable String name,
      @Nullable String uid,
      @Nullable Map<String, String> labels,
      @Nullable Map<String, String> annotations) {}

  /** One policy the object violated. */
  record ReportedViolation(
      @Nullable String policyId,
      @Nullable String policyName,
      @Nullable Severity severity,
      @Nullable List<String> messages) {}

  /** The answer to a report: how many alerts it added (0 when it was reported before). */
  record AttemptRecorded(int recorded, List<UUID> alertIds) {}

  /** The body of a sensor's report of enforcement actions. */
  record EnforcementReport(@Nullable List<ReportedRecord> records) {}

  /** One enforcement action, as the sensor's {@code EnforcementRecord} is sent. */
  record ReportedRecord(
      @Nullable UUID id,
      @Nullable ReportedDeployment deployment,
      @Nullable String policyId,
      @Nullable String action,
      @Nullable Boolean applied,
      @Nullable String message,
      @Nullable String at) {}

  /** The deployment acted on. */
  record ReportedDeployment(
      @Nullable String uid,
      @Nullable String namespace,
      @Nullable String kind,
      @Nullable String name,
      @Nullable String apiVersion) {}

  /** The answer to an enforcement report: how many records were new. */
  record EnforcementRecorded(int recorded) {}

  /** An alert as the API shows it. */
  record AlertView(
      UUID id,
      String state,
      String stage,
      UUID clusterId,
      String clusterName,
      PolicyView policy,
      DeploymentView deployment,
      List<String> messages,
      List<String> enforcement,
      List<EnforcementEntry> enforcementRecords,
      Instant firstSeen,
      Instant lastSeen,
      @Nullable ResolutionView resolution,
      Alert.@Nullable Admission admission) {}

  record PolicyView(String id, String name, String severity) {}

  record DeploymentView(
      String uid,
      String namespace,
      String kind,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, String> namespaceAnnotations) {}

  record ResolutionView(
      String reason, Instant at, @Nullable String resolvedBy, @Nullable String comment) {}

  @Override
  public void register(Routes routes) {
    RouteGroup group =
        routes.group(
            "Alerts",
            "Policy violations: ACTIVE while a deployment violates a policy, RESOLVED when it is"
                + " fixed, deleted or resolved by hand, ATTEMPTED when admission denied an"
                + " object.");
    AlertSchemas.register(group);
    group
        .get("/v1/alerts", Permission.ALERTS_READ, this::list)
        .operation("listAlerts", "List alerts, newest first, with filters")
        .description(
            "Alerts ordered by when they were last seen, newest first. Filters combine with AND;"
                + " `state` and `severity` may be repeated (any of the values).")
        .query("state", "string", "ACTIVE, RESOLVED or ATTEMPTED; repeatable.")
        .query("cluster", "string", "A cluster's id.")
        .query("namespace", "string", "A namespace.")
        .query("policy", "string", "A policy's id.")
        .query("severity", "string", "LOW, MEDIUM, HIGH or CRITICAL; repeatable.")
        .query("deployment", "string", "A deployment's uid or name.")
        .query("since", "string", "Last seen at or after this RFC 3339 time.")
        .query("until", "string", "Last seen before this RFC 3339 time.")
        .returnsPage("Alert", "A page of alerts.");
    group
        .get("/v1/alerts/summary", Permission.ALERTS_READ, this::summary)
        .operation("alertSummary", "Count alerts by state and severity")
        .returns(200, "AlertSummary", "The counts.");
    group
        .get("/v1/alerts/{id}", Permission.ALERTS_READ, this::show)
        .operation("getAlert", "Show an alert")
        .pathId("id", "The alert's id.")
        .returns(200, "Alert", "The alert.");
    group
        .post("/v1/alerts/{id}/resolve", Permission.ALERTS_WRITE, this::resolve)
        .operation("resolveAlert", "Resolve an ACTIVE alert by hand, with a comment")
        .description(
            "The alert becomes RESOLVED (reason MANUAL) with the caller's token name and the"
                + " comment. If the deployment still violates the policy, its next evaluation"
                + " opens a new alert.")
        .pathId("id", "The alert's id.")
        .body("ResolveAlert")
        .returns(200, "Alert", "The resolved alert.")
        .fails(409, "The alert is not ACTIVE (resolved before, or ATTEMPTED).");
    group
        .post("/v1/clusters/{id}/alerts/attempted", Permission.SENSOR_REPORT, this::reportAttempt)
        .operation("reportAttemptedAlerts", "Report an object admission denied")
        .description(
            "Called by the cluster's sensor with the token issued for it. Records one ATTEMPTED"
                + " alert per violated policy; reporting the same admission request again records"
                + " nothing more.")
        .pathId("id", "The cluster's id.")
        .body("AttemptReport")
        .returns(200, "AttemptRecorded", "What was recorded now.");
    group
        .post(
            "/v1/clusters/{id}/alerts/enforcement",
            Permission.SENSOR_REPORT,
            this::reportEnforcement)
        .operation("reportEnforcement", "Report enforcement actions the sensor took or tried")
        .description(
            "Called by the cluster's sensor with the token issued for it. Each record is stored"
                + " once (its id is the key; a record sent again is ignored) and attached to the"
                + " ACTIVE alert of its deployment and policy; a record without one shows on the"
                + " alert whose episode covers its time (from 5 minutes before the alert was first"
                + " seen to its resolution). Alerts list their records in `enforcementRecords`.")
        .pathId("id", "The cluster's id.")
        .body("EnforcementReport")
        .returns(200, "EnforcementRecorded", "How many records were new.");
  }

  private void list(Context ctx) {
    PageRequest page = PageRequest.of(ctx);
    AlertFilter filter =
        new AlertFilter(
            enums(ctx, "state", AlertState.class),
            uuidParameter(ctx, "cluster"),
            text(ctx, "namespace"),
            text(ctx, "policy"),
            enums(ctx, "severity", Severity.class),
            text(ctx, "deployment"),
            time(ctx, "since"),
            time(ctx, "until"));
    List<Alert> fetched = alerts.list(filter, pageKey(page.after()), page.fetch());
    Map<UUID, List<EnforcementEntry>> records =
        enforcement.forAlerts(fetched.stream().map(Alert::id).toList());
    ctx.json(
        page.page(fetched, AlertApi::cursorKey)
            .map(alert -> view(alert, records.getOrDefault(alert.id(), List.of()))));
  }

  private void summary(Context ctx) {
    Map<AlertState, Map<Severity, Long>> counts = alerts.summary();
    Map<AlertState, Map<Severity, Long>> complete = new EnumMap<>(AlertState.class);
    for (AlertState state : AlertState.values()) {
      Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
      for (Severity severity : Severity.values()) {
        bySeverity.put(severity, counts.getOrDefault(state, Map.of()).getOrDefault(severity, 0L));
      }
      complete.put(state, bySeverity);
    }
    ctx.json(complete);
  }

  private void show(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    ctx.json(view(alerts.find(id).orElseThrow(() -> notFound(id))));
  }

  private void resolve(Context ctx) {
    UUID id = Requests.uuid(ctx, "id");
    ResolveRequest body = Json.read(ctx, ResolveRequest.class);
    Validation validation = new Validation();
    String comment = body.comment();
    validation.require(comment != null, "/comment", "is required: say why the alert is resolved");
    validation.require(
        comment == null || (!comment.isBlank() && comment.length() <= MAX_COMMENT_LENGTH),
        "/comment",
        "must have 1 to " + MAX_COMMENT_LENGTH + " characters and not be blank");
    validation.done();
    switch (alerts.resolve(id, Requests.principal(ctx).name(), String.valueOf(comment))) {
      case AlertStore.Resolution.Resolved resolved -> ctx.json(view(resolved.alert()));
      case AlertStore.Resolution.NotActive notActive ->
          throw ApiProblem.conflict(
              "the alert "
                  + id
                  + " is "
                  + notActive.alert().state()
                  + "; only ACTIVE alerts can be resolved");
      case AlertStore.Resolution.Missing missing -> throw notFound(id);
    }
  }

  private void reportAttempt(Context ctx) {
    UUID cluster = Requests.uuid(ctx, "id");
    Requests.principal(ctx).requireCluster(cluster);
    AttemptedAdmission attempt = attempt(cluster, Json.read(ctx, AttemptReport.class));
    List<Alert> recorded = alerts.attempted(attempt);
    ctx.json(new AttemptRecorded(recorded.size(), recorded.stream().map(Alert::id).toList()));
  }

  private void reportEnforcement(Context ctx) {
    UUID cluster = Requests.uuid(ctx, "id");
    Requests.principal(ctx).requireCluster(cluster);
    List<ReportedEnforcement> records =
        enforcementRecords(cluster, Json.read(ctx, EnforcementReport.class));
    ctx.json(new EnforcementRecorded(enforcement.record(cluster, records)));
  }

  private static List<ReportedEnforcement> enforcementRecords(
      UUID cluster, EnforcementReport report) {
    Validation validation = new Validation();
    List<ReportedRecord> reported = report.records();
    validation.require(
        reported != null && !reported.isEmpty() && reported.size() <= MAX_ENFORCEMENT_RECORDS,
        "/records",
        "must list 1 to " + MAX_ENFORCEMENT_RECORDS + " records");
    List<ReportedEnforcement> records = new ArrayList<>();
    if (reported != null) {
      for (int index = 0; index < reported.size(); index++) {
        ReportedRecord record = reported.get(index);
        String at = "/records/" + index;
        if (record == null) {
          validation.require(false, at, "must be an object");
        } else {
          enforcementRecord(validation, at, cluster, record).ifPresent(records::add);
        }
      }
    }
    validation.done();
    return records;
  }

  private static Optional<ReportedEnforcement> enforcementRecord(
      Validation validation, String at, UUID cluster, ReportedRecord record) {
    validation.require(record.id() != null, at + "/id", "is required (a UUID)");
    ReportedDeployment deployment = record.deployment();
    validation.require(deployment != null, at + "/deployment", "is required");
    String policyId = validation.name(at + "/policyId", record.policyId(), MAX_ID_LENGTH);
    EnforcementAction action = action(record.action());
    validation.require(
        action != null,
        at + "/action",
        "is required: one of " + List.of(EnforcementAction.values()));
    validation.require(record.applied() != null, at + "/applied", "is required (true or false)");
    String message = record.message();
    validation.require(
        message != null
            && !message.isEmpty()
            && message.length() <= MAX_MESSAGE_LENGTH
            && message.indexOf('\0') < 0,
        at + "/message",
        "must have 1 to " + MAX_MESSAGE_LENGTH + " characters, none of them NUL");
    Instant time = rfc3339(record.at());
    validation.require(
        time != null && !time.isBefore(Instant.EPOCH) && time.isBefore(LATEST_TIME),
        at + "/at",
        "is required: an RFC 3339 time (a string) from 1970 to 9999");
    if (deployment == null) {
      return Optional.empty();
    }
    String pointer = at + "/deployment";
    String uid = validation.name(pointer + "/uid", deployment.uid(), MAX_ID_LENGTH);
    String namespace =
        validation.name(pointer + "/namespace", deployment.namespace(), MAX_NAME_LENGTH);
    String kind = validation.name(pointer + "/kind", deployment.kind(), MAX_NAME_LENGTH);
    String name = validation.name(pointer + "/name", deployment.name(), MAX_NAME_LENGTH);
    String apiVersion =
        validation.name(pointer + "/apiVersion", deployment.apiVersion(), MAX_NAME_LENGTH);
    UUID id = record.id();
    Boolean applied = record.applied();
    if (id == null || action == null || applied == null || message == null || time == null) {
      return Optional.empty();
    }
    AlertSubject subject =
        new AlertSubject(cluster, uid, namespace, kind, name, Map.of(), Map.of(), Map.of());
    return Optional.of(
        new ReportedEnforcement(id, subject, apiVersion, policyId, action, applied, message, time));
  }

  /** The action named {@code name}, or null when it names none (an enum's number is no name). */
  private static @Nullable EnforcementAction action(@Nullable String name) {
    for (EnforcementAction action : EnforcementAction.values()) {
      if (action.name().equals(name)) {
        return action;
      }
    }
    return null;
  }

  /** The time, when {@code text} is an RFC 3339 time with a zone; else null. */
  private static @Nullable Instant rfc3339(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The report as a validated attempt, with central's name and severity for known policies. */
  private AttemptedAdmission attempt(UUID cluster, AttemptReport report) {
    Validation validation = new Validation();
    String requestUid = validation.name("/requestUid", report.requestUid(), MAX_ID_LENGTH);
    String operation = report.operation();
    validation.require(
        operation != null && OPERATIONS.contains(operation),
        "/operation",
        "must be one of CREATE, UPDATE, DELETE, CONNECT");
    validation.require(report.time() != null, "/time", "is required (RFC 3339)");
    DeniedObject object = report.object();
    validation.require(object != null, "/object", "is required");
    AlertSubject subject = null;
    String apiVersion = "";
    if (object != null) {
      apiVersion = validation.name("/object/apiVersion", object.apiVersion(), MAX_NAME_LENGTH);
      String kind = validation.name("/object/kind", object.kind(), MAX_NAME_LENGTH);
      String name = validation.name("/object/name", object.name(), MAX_NAME_LENGTH);
      String namespace =
          object.namespace() == null || object.namespace().isEmpty()
              ? ""
              : validation.name("/object/namespace", object.namespace(), MAX_NAME_LENGTH);
      String uid =
          object.uid() == null || object.uid().isEmpty()
              ? ""
              : validation.name("/object/uid", object.uid(), MAX_ID_LENGTH);
      subject =
          new AlertSubject(
              cluster,
              uid,
              namespace,
              kind,
              name,
              metadata(validation, "/object/labels", object.labels()),
              metadata(validation, "/object/annotations", object.annotations()),
              Map.of());
    }
    List<AttemptedAdmission.Violation> violations = violations(validation, report.violations());
    validation.done();
    if (subject == null || report.time() == null || operation == null) {
      throw new IllegalStateException("validation passed an incomplete report");
    }
    return new AttemptedAdmission(
        subject, new Alert.Admission(requestUid, operation, apiVersion), report.time(), violations);
  }

  private List<AttemptedAdmission.Violation> violations(
      Validation validation, @Nullable List<ReportedViolation> reported) {
    validation.require(
        reported != null && !reported.isEmpty() && reported.size() <= MAX_VIOLATIONS,
        "/violations",
        "must list 1 to " + MAX_VIOLATIONS + " violated policies");
    List<AttemptedAdmission.Violation> violations = new ArrayList<>();
    if (reported == null) {
      return violations;
    }
    for (int index = 0; index < reported.size(); index++) {
      String at = "/violations/" + index;
      ReportedViolation violation = reported.get(index);
      if (violation == null) {
        validation.require(false, at, "must be an object");
        continue;
      }
      String policyId = validation.name(at + "/policyId", violation.policyId(), MAX_ID_LENGTH);
      List<String> messages = messages(validation, at + "/messages", violation.messages());
      Optional<StoredPolicy> known =
          policyId.isEmpty() ? Optional.empty() : policies.find(policyId);
      String name;
      Severity severity;
      if (known.isPresent()) {
        name = known.get().policy().name();
        severity = known.get().policy().severity();
      } else {
        name = validation.name(at + "/policyName", violation.policyName(), MAX_NAME_LENGTH);
        severity = violation.severity();
        validation.require(
            severity != null,
            at + "/severity",
            "is required for a policy central does not know: LOW, MEDIUM, HIGH or CRITICAL");
      }
      if (severity != null) {
        violations.add(new AttemptedAdmission.Violation(policyId, name, severity, messages));
      }
    }
    return violations;
  }

  private static List<String> messages(
      Validation validation, String pointer, @Nullable List<String> messages) {
    if (messages == null) {
      return List.of();
    }
    validation.require(
        messages.size() <= MAX_MESSAGES, pointer, "must have at most " + MAX_MESSAGES + " items");
    for (int index = 0; index < messages.size(); index++) {
      String message = messages.get(index);
      validation.require(
          message != null && message.length() <= MAX_MESSAGE_LENGTH,
          pointer + "/" + index,
          "must be a string of at most " + MAX_MESSAGE_LENGTH + " characters");
    }
    return messages.stream().filter(message -> message != null).toList();
  }

  private static Map<String, String> metadata(
      Validation validation, String pointer, @Nullable Map<String, String> entries) {
    if (entries == null) {
      return Map.of();
    }
    validation.require(
        entries.size() <= MAX_METADATA_ENTRIES,
        pointer,
        "must have at most " + MAX_METADATA_ENTRIES + " entries");
    boolean valuesPresent = entries.values().stream().allMatch(value -> value != null);
    validation.require(valuesPresent, pointer, "values must be strings, not null");
    return valuesPresent ? entries : Map.of();
  }

  private static <E extends Enum<E>> Set<E> enums(Context ctx, String parameter, Class<E> type) {
    Set<E> values = EnumSet.noneOf(type);
    for (String value : ctx.queryParams(parameter)) {
      try {
        values.add(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiProblem.badRequest(
            "invalid-parameter",
            "the query parameter '"
                + parameter
                + "' must be one of "
                + EnumSet.allOf(type)
                + ", found '"
                + value
                + "'");
      }
    }
    return values;
  }

  private static @Nullable String text(Context ctx, String parameter) {
    String value = ctx.queryParam(parameter);
    if (value != null && value.isEmpty()) {
      throw ApiProblem.badRequest(
          "invalid-parameter", "the query parameter '" + parameter + "' must not be empty");
    }
    return value;
  }

  private static @Nullable UUID uuidParameter(Context ctx, String parameter) {
    String value = text(ctx, parameter);
    if (value == null) {
      return null;
    }
    try {
      if (value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw ApiProblem.badRequest(
        "invalid-parameter",
        "the query parameter '" + parameter + "' must be a UUID, found '" + value + "'");
  }

  private static @Nullable Instant time(Context ctx, String parameter) {
    String value = text(ctx, parameter);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "invalid-parameter",
          "the query parameter '"
              + parameter
              + "' must be an RFC 3339 time with a zone, e.g. 2030-01-31T12:00:00Z, found '"
              + value
              + "'");
    }
  }

  private static String cursorKey(Alert alert) {
    return alert.lastSeen() + "|" + alert.id();
  }

  private static AlertStore.@Nullable PageKey pageKey(@Nullable String cursor) {
    if (cursor == null) {
      return null;
    }
    int bar = cursor.indexOf('|');
    try {
      if (bar > 0) {
        return new AlertStore.PageKey(
            Instant.parse(cursor.substring(0, bar)), UUID.fromString(cursor.substring(bar + 1)));
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      // reported below
    }
    throw PageRequest.invalidCursor();
  }

  private AlertView view(Alert alert) {
    return view(
        alert, enforcement.forAlerts(List.of(alert.id())).getOrDefault(alert.id(), List.of()));
  }

  private static AlertView view(Alert alert, List<EnforcementEntry> records) {
    AlertSubject subject = alert.subject();
    Instant resolvedAt = alert.resolvedAt();
    AlertResolution resolution = alert.resolution();
    return new AlertView(
        alert.id(),
        alert.state().name(),
        alert.stage().name(),
        subject.clusterId(),
        alert.clusterName(),
        new PolicyView(alert.policyId(), alert.policyName(), alert.severity().name()),
        new DeploymentView(
            subject.uid(),
            subject.namespace(),
            subject.kind(),
            subject.name(),
            subject.labels(),
            subject.annotations(),
            subject.namespaceAnnotations()),
        alert.messages(),
        alert.enforcement().stream().map(Enum::name).toList(),
        records,
        alert.firstSeen(),
        alert.lastSeen(),
        resolvedAt == null || resolution == null
            ? null
            : new ResolutionView(
                resolution.name(), resolvedAt, alert.resolvedBy(), alert.comment()),
        alert.admission());
  }

  private static ApiProblem notFound(UUID id) {
    return ApiProblem.notFound("no alert has the id " + id);
  }
}
