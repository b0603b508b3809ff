package dev.bulwark.central.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.central.storage.Rows;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@code alerts} table and the alert lifecycle: the {@link AlertReconciler} the inventory
 * reports evaluations to, admission denials (ATTEMPTED), manual resolution, lists and pruning.
 * Every change publishes its {@link AlertEvent}s to the listeners inside the transaction that made
 * it: NEW when an alert opens, RESOLVED when it is resolved, ATTEMPTED when a denial is first
 * recorded; an update of an open alert, or a repeated report, publishes nothing.
 *
 * <p>Writes are set-based (arrays bound as parameters, {@code INSERT ... ON CONFLICT}), so a batch
 * of deployments ({@link #evaluatedAll}) costs one statement however large it is. Thread-safe.
 */
public final class AlertStore implements AlertReconciler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
  private static final TypeReference<List<EnforcementAction>> ACTIONS = new TypeReference<>() {};

  private static final String COLUMNS =
      "a.id, c.name AS cluster_name, a.cluster_id, a.subject_uid, a.namespace, a.kind, a.name,"
          + " a.labels::text AS labels, a.annotations::text AS annotations,"
          + " a.namespace_annotations::text AS namespace_annotations, a.policy_id, a.policy_name,"
          + " a.severity, a.stage, a.state, a.messages::text AS messages,"
          + " a.enforcement::text AS enforcement, a.first_seen, a.last_seen, a.resolved_at,"
          + " a.resolution, a.resolved_by, a.comment, a.request_uid, a.operation, a.api_version";

  /** How many deployments one reconciling statement takes (the bench's batch size). */
  static final int SUBJECTS_PER_STATEMENT = 500;

  /** Each changed row, as the CTE {@code changed} returns it, with its cluster's name. */
  private static final String CHANGED_ALERTS =
      " SELECT " + COLUMNS + " FROM changed a JOIN clusters c ON c.id = a.cluster_id";

  /**
   * Opens and updates the reported violations of one cluster's deployments and resolves their other
   * ACTIVE deploy-stage alerts, in one statement (one round trip). The two parts never touch the
   * same row: the update skips exactly the policies the insert writes. Returns the rows it opened
   * or resolved (not those it updated), with their cluster's name.
   */
  private static final String RECONCILE =
      "WITH upserted AS (INSERT INTO alerts (id, cluster_id, subject_uid, namespace, kind, name,"
          + " labels, annotations, namespace_annotations, policy_id, policy_name, severity, stage,"
          + " state, messages, enforcement, first_seen, last_seen)"
          + " SELECT gen_random_uuid(), :cluster, v.uid, v.namespace, v.kind, v.name,"
          + " v.labels::jsonb, v.annotations::jsonb, v.namespace_annotations::jsonb, v.policy_id,"
          + " v.policy_name, v.severity, 'DEPLOY', 'ACTIVE', v.messages::jsonb,"
          + " v.enforcement::jsonb, :at, :at"
          + " FROM unnest(:uids, :namespaces, :kinds, :names, :labels, :annotations,"
          + " :namespaceAnnotations, :policyIds, :policyNames, :severities, :messages,"
          + " :enforcement) AS v(uid, namespace, kind, name, labels, annotations,"
          + " namespace_annotations, policy_id, policy_name, severity, messages, enforcement)"
          + " ON CONFLICT (cluster_id, subject_uid, policy_id, stage) WHERE state = 'ACTIVE'"
          + " DO UPDATE SET namespace = EXCLUDED.namespace, kind = EXCLUDED.kind,"
          + " name = EXCLUDED.name, labels = EXCLUDED.labels, annotations = EXCLUDED.annotations,"
          + " namespace_annotations = EXCLUDED.namespace_annotations,"
          + " policy_name = EXCLUDED.policy_name, severity = EXCLUDED.severity,"
          + " messages = EXCLUDED.messages, enforcement = EXCLUDED.enforcement,"
          + " last_seen = GREATEST(alerts.last_seen, EXCLUDED.last_seen)"
          // A repeated report writes nothing: no dead row, no index churn.
          + " WHERE (alerts.namespace, alerts.kind, alerts.name, alerts.labels, alerts.annotations,"
          + " alerts.namespace_annotations, alerts.policy_name, alerts.severity, alerts.messages,"
          + " alerts.enforcement, alerts.last_seen) IS DISTINCT FROM (EXCLUDED.namespace,"
          + " EXCLUDED.kind, EXCLUDED.name, EXCLUDED.labels, EXCLUDED.annotations,"
          + " EXCLUDED.namespace_annotations, EXCLUDED.policy_name, EXCLUDED.severity,"
          + " EXCLUDED.messages, EXCLUDED.enforcement,"
          + " GREATEST(alerts.last_seen, EXCLUDED.last_seen))"
          // xmax is 0 for a row this statement inserted, and set for one it updated.
          + " RETURNING alerts.*, (xmax = 0) AS inserted),"
          + " resolved AS (UPDATE alerts SET state = 'RESOLVED', resolved_at = :at,"
          + " resolution = 'FIXED'"
          + " FROM (SELECT open.id FROM unnest(:subjectUids) AS s(uid) CROSS JOIN LATERAL"
          + " (SELECT a.id, a.policy_id FROM alerts a WHERE a.cluster_id = :cluster"
          + " AND a.subject_uid = s.uid AND a.state = 'ACTIVE' AND a.stage = 'DEPLOY'"
          // OFFSET 0 keeps this a lookup per deployment on alerts_one_active, whatever the
          // statistics say: flattened into a join, a stale estimate of the table's size chose a
          // scan of every ACTIVE alert of the cluster per deployment (quadratic in the batch).
          + " OFFSET 0) AS open"
          // NOT IN over the reported violations is one hashed lookup per row.
          + " WHERE (s.uid, open.policy_id) NOT IN"
          + " (SELECT v.uid, v.policy_id FROM unnest(:uids, :policyIds) AS v(uid, policy_id)))"
          + " AS stale WHERE alerts.id = stale.id"
          + " RETURNING alerts.*, false AS inserted),"
          + " changed AS (SELECT * FROM upserted WHERE inserted UNION ALL SELECT * FROM resolved)"
          + CHANGED_ALERTS;

  private static final String RESOLVE_DELETED =
      "WITH changed AS (UPDATE alerts SET state = 'RESOLVED', resolved_at = :at,"
          + " resolution = 'DELETED'"
          + " WHERE cluster_id = :cluster AND subject_uid = :uid AND state = 'ACTIVE'"
          + " RETURNING alerts.*)"
          + CHANGED_ALERTS;

  private static final String INSERT_ATTEMPTS =
      "WITH changed AS (INSERT INTO alerts (id, cluster_id, subject_uid, namespace, kind, name,"
          + " labels, annotations, namespace_annotations, policy_id, policy_name, severity, stage,"
          + " state, messages, enforcement, first_seen, last_seen, request_uid, operation,"
          + " api_version)"
          + " SELECT gen_random_uuid(), :cluster, :uid, :namespace, :kind, :name,"
          + " CAST(:labels AS jsonb), CAST(:annotations AS jsonb),"
          + " CAST(:namespaceAnnotations AS jsonb), v.policy_id, v.policy_name, v.severity,"
          + " 'DEPLOY', 'ATTEMPTED', v.messages::jsonb, '[]'::jsonb, :at, :at, :requestUid,"
          + " :operation, :apiVersion"
          + " FROM unnest(:policyIds, :policyNames, :severities, :messages)"
          + " AS v(policy_id, policy_name, severity, messages)"
          + " ON CONFLICT (cluster_id, request_uid, policy_id) WHERE state = 'ATTEMPTED'"
          + " DO NOTHING RETURNING *)"
          + CHANGED_ALERTS;

  private static final String RESOLVE_MANUALLY =
      "WITH changed AS (UPDATE alerts SET state = 'RESOLVED', resolved_at = :at,"
          + " resolution = 'MANUAL', resolved_by = :by, comment = :comment"
          + " WHERE id = :id AND state = 'ACTIVE' RETURNING alerts.*)"
          + CHANGED_ALERTS;

  private final Jdbi jdbi;
  private final Clock clock;
  private final List<AlertEventListener> listeners;

  /**
   * @param listeners hear every change, in order, inside its transaction
   */
  public AlertStore(Jdbi jdbi, Clock clock, List<AlertEventListener> listeners) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * {@inheritDoc} In one statement per cluster and {@value #SUBJECTS_PER_STATEMENT} deployments
   * (bounding the parameter arrays and what the statement holds in memory); several violations of
   * one policy are merged into one alert with all their messages.
   *
   * @throws IllegalArgumentException when a violation is not of the deploy stage
   */
  @Override
  public void evaluatedAll(Handle handle, List<Evaluation> evaluations, Instant at) {
    if (evaluations.isEmpty()) {
      return;
    }
    Instant now = at.truncatedTo(ChronoUnit.MICROS);
    Map<UUID, Map<String, Evaluation>> latestByCluster = new LinkedHashMap<>();
    for (Evaluation evaluation : evaluations) {
      AlertSubject subject = evaluation.subject();
      latestByCluster
          .computeIfAbsent(subject.clusterId(), cluster -> new LinkedHashMap<>())
          .put(subject.uid(), evaluation);
    }
    latestByCluster.forEach((cluster, latest) -> {
      List<Evaluation> distinct = List.copyOf(latest.values());
      for (int start = 0; start < distinct.size(); start += SUBJECTS_PER_STATEMENT) {
        reconcile(
            handle,
            cluster,
            distinct.subList(start, Math.min(distinct.size(), start + SUBJECTS_PER_STATEMENT)),
            now);
      }
    });
  }

  /** One reconciling statement for distinct deployments of one cluster. */
  private void reconcile(Handle handle, UUID cluster, List<Evaluation> latest, Instant now) {
    Columns rows = new Columns();
    List<String> subjectUids = new ArrayList<>();
    for (Evaluation evaluation : latest) {
      subjectUids.add(evaluation.subject().uid());
      for (DetectedViolation violation : merged(evaluation.violations())) {
        rows.add(evaluation.subject(), violation);
      }
    }
    List<AlertEvent> events =
        rows
            .bind(handle.createQuery(RECONCILE))
            .bind("cluster", cluster)
            .bind("at", now)
            .bindArray("subjectUids", String.class, subjectUids)
            .map(AlertStore::alert)
            .list()
            .stream()
            .map(alert ->
                event(
                    alert,
                    alert.state() == AlertState.ACTIVE
                        ? AlertEvent.Kind.NEW
                        : AlertEvent.Kind.RESOLVED,
                    now))
            .toList();
    publish(handle, events);
  }

  @Override
  public void removed(Handle handle, AlertSubject subject, Instant at) {
    Instant now = at.truncatedTo(ChronoUnit.MICROS);
    publish(
        handle,
        events(
            handle
                .createQuery(RESOLVE_DELETED)
                .bind("at", now)
                .bind("cluster", subject.clusterId())
                .bind("uid", subject.uid()),
            AlertEvent.Kind.RESOLVED,
            now));
  }

  /**
   * Records an admission denial: one ATTEMPTED alert per violated policy, unless the same request
   * was recorded for that policy before (a sensor retrying), in one transaction.
   *
   * @return the alerts recorded now (empty for a repeated report)
   */
  public List<Alert> attempted(AttemptedAdmission attempt) {
    AlertSubject object = attempt.object();
    Alert.Admission admission = attempt.admission();
    Instant at = attempt.at().truncatedTo(ChronoUnit.MICROS);
    Map<String, AttemptedAdmission.Violation> byPolicy = new LinkedHashMap<>();
    for (AttemptedAdmission.Violation violation : attempt.violations()) {
      byPolicy.merge(
          violation.policyId(),
          violation,
          (first, second) ->
              new AttemptedAdmission.Violation(
                  first.policyId(),
                  first.policyName(),
                  first.severity(),
                  concatenated(first.messages(), second.messages())));
    }
    List<AttemptedAdmission.Violation> violations = List.copyOf(byPolicy.values());
    return jdbi.inTransaction(handle -> {
      List<Alert> recorded =
          handle
              .createQuery(INSERT_ATTEMPTS)
              .bind("cluster", object.clusterId())
              .bind("uid", object.uid())
              .bind("namespace", object.namespace())
              .bind("kind", object.kind())
              .bind("name", object.name())
              .bind("labels", json(object.labels()))
              .bind("annotations", json(object.annotations()))
              .bind("namespaceAnnotations", json(object.namespaceAnnotations()))
              .bind("at", at)
              .bind("requestUid", admission.requestUid())
              .bind("operation", admission.operation())
              .bind("apiVersion", admission.apiVersion())
              .bindArray(
                  "policyIds",
                  String.class,
                  violations.stream().map(AttemptedAdmission.Violation::policyId).toList())
              .bindArray(
                  "policyNames",
                  String.class,
                  violations.stream().map(AttemptedAdmission.Violation::policyName).toList())
              .bindArray(
                  "severities",
                  String.class,
                  violations.stream().map(violation -> violation.severity().name()).toList())
              .bindArray(
                  "messages",
                  String.class,
                  violations.stream().map(violation -> json(violation.messages())).toList())
              .map(AlertStore::alert)
              .list();
      publish(
          handle,
          recorded.stream().map(alert -> event(alert, AlertEvent.Kind.ATTEMPTED, at)).toList());
      return recorded;
    });
  }

  /** The outcome of {@link #resolve}. */
  public sealed interface Resolution {
    /** The alert was ACTIVE and is RESOLVED now. */
    record Resolved(Alert alert) implements Resolution {}

    /** The alert is not ACTIVE (resolved before, or ATTEMPTED); nothing changed. */
    record NotActive(Alert alert) implements Resolution {}

    /** No alert has the id. */
    record Missing() implements Resolution {}
  }

  /**
   * Resolves an ACTIVE alert by hand ({@link AlertResolution#MANUAL}). If the deployment still
   * violates the policy, its next evaluation opens a new alert.
   *
   * @param by the name of the token resolving it
   */
  public Resolution resolve(UUID id, String by, String comment) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return jdbi.inTransaction(handle -> {
      Optional<Alert> resolved =
          handle
              .createQuery(RESOLVE_MANUALLY)
              .bind("id", id)
              .bind("at", now)
              .bind("by", by)
              .bind("comment", comment)
              .map(AlertStore::alert)
              .findOne();
      if (resolved.isPresent()) {
        publish(handle, List.of(event(resolved.get(), AlertEvent.Kind.RESOLVED, now)));
        return new Resolution.Resolved(resolved.get());
      }
      return find(handle, id)
          .<Resolution>map(Resolution.NotActive::new)
          .orElseGet(Resolution.Missing::new);
    });
  }

  public Optional<Alert> find(UUID id) {
    return jdbi.withHandle(handle -> find(handle, id));
  }

  /**
   * Alerts matching {@code filter}, newest first (by last seen, then id), after {@code after}.
   *
   * @param after the last alert of the previous page; null for the first page
   * @param limit how many to return at most
   */
  public List<Alert> list(AlertFilter filter, @Nullable PageKey after, int limit) {
    StringBuilder where = new StringBuilder(" WHERE true");
    if (!filter.states().isEmpty()) {
      where.append(" AND a.state = ANY(:states)");
    }
    if (filter.clusterId() != null) {
      where.append(" AND a.cluster_id = :cluster");
    }
    if (filter.namespace() != null) {
      where.append(" AND a.namespace = :namespace");
    }
    if (filter.policyId() != null) {
      where.append(" AND a.policy_id = :policy");
    }
    if (!filter.severities().isEmpty()) {
      where.append(" AND a.severity = ANY(:severities)");
    }
    if (filter.deployment() != null) {
      where.append(" AND (a.subject_uid = :deployment OR a.name = :deployment)");
    }
    if (filter.since() != null) {
      where.append(" AND a.last_seen >= :since");
    }
    if (filter.until() != null) {
      where.append(" AND a.last_seen < :until");
    }
    if (after != null) {
      where.append(" AND (a.last_seen, a.id) < (:afterSeen, :afterId)");
    }
    return jdbi.withHandle(handle -> {
      Query query =
          handle.createQuery(
              "SELECT "
                  + COLUMNS
                  + " FROM alerts a JOIN clusters c ON c.id = a.cluster_id"
                  + where
                  + " ORDER BY a.last_seen DESC, a.id DESC LIMIT :limit");
      query.bind("limit", limit);
      if (!filter.states().isEmpty()) {
        query.bindArray(
            "states", String.class, filter.states().stream().map(Enum::name).sorted().toList());
      }
      if (!filter.severities().isEmpty()) {
        query.bindArray(
            "severities",
            String.class,
            filter.severities().stream().map(Enum::name).sorted().toList());
      }
      bindIfPresent(query, "cluster", filter.clusterId());
      bindIfPresent(query, "namespace", filter.namespace());
      bindIfPresent(query, "policy", filter.policyId());
      bindIfPresent(query, "deployment", filter.deployment());
      bindIfPresent(query, "since", filter.since());
      bindIfPresent(query, "until", filter.until());
      if (after != null) {
        query.bind("afterSeen", after.lastSeen()).bind("afterId", after.id());
      }
      return query.map(AlertStore::alert).list();
    });
  }

  /** Where a page of {@link #list} ends: the last alert's sort key. */
  public record PageKey(Instant lastSeen, UUID id) {
    /** The key of {@code alert}. */
    public static PageKey of(Alert alert) {
      return new PageKey(alert.lastSeen(), alert.id());
    }
  }

  /** How many alerts there are in each state, by severity (zeros left out). */
  public Map<AlertState, Map<Severity, Long>> summary() {
    return jdbi.withHandle(handle -> {
      Map<AlertState, Map<Severity, Long>> counts = new EnumMap<>(AlertState.class);
      handle
          .createQuery("SELECT state, severity, count(*) AS n FROM alerts GROUP BY state, severity")
          .map((rows, context) -> {
            counts
                .computeIfAbsent(
                    AlertState.valueOf(rows.getString("state")),
                    state -> new EnumMap<>(Severity.class))
                .put(Severity.valueOf(rows.getString("severity")), rows.getLong("n"));
            return true;
          })
          .list();
      return counts;
    });
  }

  /**
   * Deletes RESOLVED alerts resolved before {@code cutoff} and ATTEMPTED alerts recorded before it,
   * at most {@code limit} of them.
   *
   * @return how many were deleted
   */
  public int deleteEndedBefore(Instant cutoff, int limit) {
    return jdbi.withHandle(handle ->
        handle
            .createUpdate(
                "DELETE FROM alerts WHERE id IN (SELECT id FROM alerts"
                    + " WHERE state IN ('RESOLVED', 'ATTEMPTED') AND last_seen < :cutoff"
                    + " AND (resolved_at IS NULL OR resolved_at < :cutoff) LIMIT :limit)")
            .bind("cutoff", cutoff)
            .bind("limit", limit)
            .execute());
  }

  private static Optional<Alert> find(Handle handle, UUID id) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM alerts a JOIN clusters c ON c.id = a.cluster_id"
                + " WHERE a.id = :id")
        .bind("id", id)
        .map(AlertStore::alert)
        .findOne();
  }

  private void publish(Handle handle, List<AlertEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    for (AlertEventListener listener : listeners) {
      listener.published(handle, events);
    }
  }

  private static List<AlertEvent> events(Query query, AlertEvent.Kind kind, Instant at) {
    return query.map(AlertStore::alert).list().stream()
        .map(alert -> event(alert, kind, at))
        .toList();
  }

  private static AlertEvent event(Alert alert, AlertEvent.Kind kind, Instant at) {
    return new AlertEvent(
        kind,
        alert.id(),
        alert.clusterName(),
        alert.subject(),
        alert.policyId(),
        alert.policyName(),
        alert.severity(),
        alert.stage(),
        alert.messages(),
        at);
  }

  /** One violation per policy: the engine may report a policy more than once. */
  private static List<DetectedViolation> merged(List<DetectedViolation> violations) {
    Map<String, DetectedViolation> byPolicy = new LinkedHashMap<>();
    for (DetectedViolation violation : violations) {
      if (violation.stage() != LifecycleStage.DEPLOY) {
        throw new IllegalArgumentException(
            "the reconciler takes deploy-stage violations only; policy "
                + violation.policyId()
                + " was evaluated at "
                + violation.stage());
      }
      byPolicy.merge(
          violation.policyId(),
          violation,
          (first, second) ->
              new DetectedViolation(
                  first.policyId(),
                  first.policyName(),
                  first.severity(),
                  first.stage(),
                  concatenated(first.messages(), second.messages()),
                  first.enforcement()));
    }
    return List.copyOf(byPolicy.values());
  }

  private static List<String> concatenated(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static void bindIfPresent(Query query, String name, @Nullable Object value) {
    if (value != null) {
      query.bind(name, value);
    }
  }

  /** The upsert's rows as parallel arrays, one element per (deployment, policy) of one cluster. */
  private static final class Columns {
    final List<String> uids = new ArrayList<>();
    final List<String> namespaces = new ArrayList<>();
    final List<String> kinds = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    final List<String> annotations = new ArrayList<>();
    final List<String> namespaceAnnotations = new ArrayList<>();
    final List<String> policyIds = new ArrayList<>();
    final List<String> policyNames = new ArrayList<>();
    final List<String> severities = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    final List<String> enforcement = new ArrayList<>();

    void add(AlertSubject subject, DetectedViolation violation) {
      uids.add(subject.uid());
      namespaces.add(subject.namespace());
      kinds.add(subject.kind());
      names.add(subject.name());
      labels.add(json(subject.labels()));
      annotations.add(json(subject.annotations()));
      namespaceAnnotations.add(json(subject.namespaceAnnotations()));
      policyIds.add(violation.policyId());
      policyNames.add(violation.policyName());
      severities.add(violation.severity().name());
      messages.add(json(violation.messages()));
      enforcement.add(json(violation.enforcement().stream().map(Enum::name).toList()));
    }

    Query bind(Query query) {
      return query
          .bindArray("uids", String.class, uids)
          .bindArray("namespaces", String.class, namespaces)
          .bindArray("kinds", String.class, kinds)
          .bindArray("names", String.class, names)
          .bindArray("labels", String.class, labels)
          .bindArray("annotations", String.class, annotations)
          .bindArray("namespaceAnnotations", String.class, namespaceAnnotations)
          .bindArray("policyIds", String.class, policyIds)
          .bindArray("policyNames", String.class, policyNames)
          .bindArray("severities", String.class, severities)
          .bindArray("messages", String.class, messages)
          .bindArray("enforcement", String.class, enforcement);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Maps and lists of strings always serialise.
      throw new IllegalStateException(e);
    }
  }

  private static <T> T json(String text, TypeReference<T> type) throws SQLException {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored alert's JSON does not read back: " + e.getMessage(), e);
    }
  }

  private static Alert alert(ResultSet rows, StatementContext context) throws SQLException {
    String requestUid = rows.getString("request_uid");
    String resolution = rows.getString("resolution");
    return new Alert(
        Rows.requiredUuid(rows, "id"),
        rows.getString("cluster_name"),
        new AlertSubject(
            Rows.requiredUuid(rows, "cluster_id"),
            rows.getString("subject_uid"),
            rows.getString("namespace"),
            rows.getString("kind"),
            rows.getString("name"),
            json(rows.getString("labels"), STRING_MAP),
            json(rows.getString("annotations"), STRING_MAP),
            json(rows.getString("namespace_annotations"), STRING_MAP)),
        rows.getString("policy_id"),
        rows.getString("policy_name"),
        Severity.valueOf(rows.getString("severity")),
        LifecycleStage.valueOf(rows.getString("stage")),
        AlertState.valueOf(rows.getString("state")),
        json(rows.getString("messages"), STRING_LIST),
        json(rows.getString("enforcement"), ACTIONS),
        Rows.requiredInstant(rows, "first_seen"),
        Rows.requiredInstant(rows, "last_seen"),
        Rows.instant(rows, "resolved_at"),
        resolution == null ? null : AlertResolution.valueOf(resolution),
        rows.getString("resolved_by"),
        rows.getString("comment"),
        requestUid == null
            ? null
            : new Alert.Admission(
                requestUid, rows.getString("operation"), rows.getString("api_version")));
  }
}
