package dev.bulwark.central.alerts;

import dev.bulwark.policy.model.EnforcementAction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code enforcement_records} table: what sensors did to enforce policies, recorded once per
 * record id and attached to the ACTIVE alert of the deployment and policy when there is one.
 *
 * <p>A record that arrives while no alert is ACTIVE (central has not evaluated the deployment yet,
 * or the alert was resolved meanwhile) is kept unattached; it shows on the alert of the same
 * cluster, deployment and policy whose episode covers its time: from {@value #GRACE_MINUTES}
 * minutes before the alert was first seen (the sensor evaluates and acts before central does) to
 * its resolution. Thread-safe.
 */
public final class EnforcementRecordStore {
  /** How long before an alert opened a record made for it may have been made. */
  static final int GRACE_MINUTES = 5;

  /** The most records an alert shows: the latest ones. */
  static final int MAX_PER_ALERT = 50;

  private static final String INSERT =
      "INSERT INTO enforcement_records (id, cluster_id, subject_uid, namespace, kind, name,"
          + " api_version, policy_id, action, applied, message, at, received_at, alert_id)"
          + " SELECT v.id::uuid, :cluster, v.uid, v.namespace, v.kind, v.name, v.api_version,"
          + " v.policy_id, v.action, v.applied::boolean, v.message, v.at::timestamptz, :now,"
          + " (SELECT a.id FROM alerts a WHERE a.cluster_id = :cluster AND a.subject_uid = v.uid"
          + " AND a.policy_id = v.policy_id AND a.state = 'ACTIVE'"
          + " ORDER BY a.last_seen DESC LIMIT 1)"
          + " FROM unnest(:ids, :uids, :namespaces, :kinds, :names, :apiVersions, :policyIds,"
          + " :actions, :applied, :messages, :ats) AS v(id, uid, namespace, kind, name,"
          + " api_version, policy_id, action, applied, message, at)"
          + " ON CONFLICT (id) DO NOTHING";

  private static final String FOR_ALERTS =
      "SELECT a.id AS alert_id, r.id, r.action, r.applied, r.message, r.at"
          + " FROM alerts a JOIN enforcement_records r ON r.alert_id = a.id"
          + " WHERE a.id = ANY(:alerts)"
          + " UNION ALL"
          + " SELECT a.id AS alert_id, r.id, r.action, r.applied, r.message, r.at"
          + " FROM alerts a JOIN enforcement_records r ON r.alert_id IS NULL"
          + " AND r.cluster_id = a.cluster_id AND r.subject_uid = a.subject_uid"
          + " AND r.policy_id = a.policy_id"
          + " AND r.at >= a.first_seen - make_interval(mins => "
          + GRACE_MINUTES
          + ") AND (a.resolved_at IS NULL OR r.at <= a.resolved_at)"
          + " WHERE a.id = ANY(:alerts) AND a.state <> 'ATTEMPTED'"
          + " ORDER BY at, id";

  private final Jdbi jdbi;
  private final Clock clock;

  public EnforcementRecordStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Stores the records of {@code cluster} not stored before, in one statement.
   *
   * @return how many were new
   */
  public int record(UUID cluster, List<ReportedEnforcement> records) {
    if (records.isEmpty()) {
      return 0;
    }
    List<String> ids = new ArrayList<>();
    List<String> uids = new ArrayList<>();
    List<String> namespaces = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> apiVersions = new ArrayList<>();
    List<String> policyIds = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    List<String> applied = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    List<String> ats = new ArrayList<>();
    for (ReportedEnforcement record : records) {
      ids.add(record.id().toString());
      uids.add(record.subject().uid());
      namespaces.add(record.subject().namespace());
      kinds.add(record.subject().kind());
      names.add(record.subject().name());
      apiVersions.add(record.apiVersion());
      policyIds.add(record.policyId());
      actions.add(record.action().name());
      applied.add(Boolean.toString(record.applied()));
      messages.add(record.message());
      ats.add(record.at().truncatedTo(ChronoUnit.MICROS).toString());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return jdbi.withHandle(handle ->
        handle
            .createUpdate(INSERT)
            .bind("cluster", cluster)
            .bind("now", now)
            .bindArray("ids", String.class, ids)
            .bindArray("uids", String.class, uids)
            .bindArray("namespaces", String.class, namespaces)
            .bindArray("kinds", String.class, kinds)
            .bindArray("names", String.class, names)
            .bindArray("apiVersions", String.class, apiVersions)
            .bindArray("policyIds", String.class, policyIds)
            .bindArray("actions", String.class, actions)
            .bindArray("applied", String.class, applied)
            .bindArray("messages", String.class, messages)
            .bindArray("ats", String.class, ats)
            .execute());
  }

  /**
   * The records each of {@code alerts} shows, oldest first, at most {@value #MAX_PER_ALERT} (the
   * latest) each; an alert without any is absent from the map.
   */
  public Map<UUID, List<EnforcementEntry>> forAlerts(List<UUID> alerts) {
    Map<UUID, List<EnforcementEntry>> byAlert = new HashMap<>();
    if (alerts.isEmpty()) {
      return byAlert;
    }
    jdbi.useHandle(handle ->
        handle
            .createQuery(FOR_ALERTS)
            .bindArray("alerts", UUID.class, alerts)
            .map((rows, context) ->
                Map.entry(
                    rows.getObject("alert_id", UUID.class),
                    new EnforcementEntry(
                        rows.getObject("id", UUID.class),
                        EnforcementAction.valueOf(rows.getString("action")),
                        rows.getBoolean("applied"),
                        rows.getString("message"),
                        rows.getTimestamp("at").toInstant())))
            .forEach(entry ->
                byAlert
                    .computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                    .add(entry.getValue())));
    byAlert.replaceAll((alert, entries) ->
        List.copyOf(entries.subList(Math.max(0, entries.size() - MAX_PER_ALERT), entries.size())));
    return byAlert;
  }
}
