package dev.bulwark.central.notifiers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.alerts.AlertEventListener;
import dev.bulwark.central.notifiers.channel.AlertDocument;
import dev.bulwark.central.notifiers.channel.Channels;
import dev.bulwark.central.notifiers.channel.Configuration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The durable queue of deliveries ({@code notification_deliveries}). Alert events enter through
 * {@link #published}, inside the transaction that changed the alerts: one row per notifier the
 * event's policy names, keyed by alert id and event kind, so an event published twice is queued
 * once. {@link NotificationDispatcher} claims due rows, sends them and records the outcome.
 * Thread-safe.
 */
public final class NotificationQueue implements AlertEventListener {
  /** How long a claim lasts: longer than any send (connect and request timeouts) can take. */
  static final Duration LEASE = Duration.ofMinutes(2);

  private final Jdbi jdbi;
  private final Channels channels;
  private final Clock clock;

  public NotificationQueue(Jdbi jdbi, Channels channels, Clock clock) {
    this.jdbi = jdbi;
    this.channels = channels;
    this.clock = clock;
  }

  /** The key that makes a delivery unique per notifier: {@code <alert id>:<kind>}. */
  static String dedupKey(AlertEvent event) {
    return event.alertId() + ":" + event.kind();
  }

  @Override
  public void published(Handle handle, List<AlertEvent> events) {
    Instant now = now();
    // A resync publishes thousands of events of a few policies: each policy is read once.
    Map<String, List<String>> policyNotifiers = new HashMap<>();
    for (AlertEvent event : events) {
      List<String> recipients =
          recipients(
              handle,
              event,
              policyNotifiers.computeIfAbsent(event.policyId(), id -> policyNotifiers(handle, id)));
      if (recipients.isEmpty()) {
        continue;
      }
      String payload;
      try {
        payload = AlertDocument.MAPPER.writeValueAsString(event);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("an alert event always serialises", e);
      }
      for (NotifierStore.Addressee notifier : NotifierStore.addressees(handle, recipients)) {
        if (!channels
            .of(notifier.type())
            .accepts(event.kind(), new Configuration(notifier.settings(), Map.of()))) {
          continue;
        }
        handle
            .createUpdate(
                "INSERT INTO notification_deliveries (notifier_id, dedup_key, alert_id, payload,"
                    + " state, next_attempt_at, created_at) VALUES (:notifier, :key, :alert,"
                    + " CAST(:payload AS jsonb), 'PENDING', :now, :now)"
                    + " ON CONFLICT (notifier_id, dedup_key) DO NOTHING")
            .bind("notifier", notifier.id())
            .bind("key", dedupKey(event))
            .bind("alert", event.alertId())
            .bind("payload", payload)
            .bind("now", now)
            .execute();
      }
    }
  }

  /**
   * Who hears about {@code event}: the notifiers its policy lists and, for a resolution, also every
   * notifier that was sent the alert before. A resolution must reach whoever heard of the alert
   * even when the policy was deleted (which is what resolved it) or no longer lists that notifier,
   * or the incident it opened (PagerDuty, Jira) would stay open for good.
   */
  private static List<String> recipients(
      Handle handle, AlertEvent event, List<String> policyNotifiers) {
    List<String> recipients = new ArrayList<>(policyNotifiers);
    if (event.kind() == AlertEvent.Kind.RESOLVED) {
      recipients.addAll(
          handle
              .createQuery(
                  "SELECT DISTINCT notifier_id::text FROM notification_deliveries"
                      + " WHERE alert_id = :alert")
              .bind("alert", event.alertId())
              .mapTo(String.class)
              .list());
    }
    return recipients;
  }

  /** The notifier ids (or names) the policy lists; none when the policy is gone. */
  private static List<String> policyNotifiers(Handle handle, String policyId) {
    Optional<String> json =
        handle
            .createQuery("SELECT policy -> 'notifiers' AS notifiers FROM policies WHERE id = :id")
            .bind("id", policyId)
            .map((rows, context) -> rows.getString("notifiers"))
            .findOne();
    List<String> notifiers = new ArrayList<>();
    if (json.isPresent()) {
      try {
        JsonNode list = AlertDocument.MAPPER.readTree(json.get());
        list.forEach(entry -> {
          if (entry.isTextual()) {
            notifiers.add(entry.asText());
          }
        });
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("stored policies are JSON", e);
      }
    }
    return notifiers;
  }

  /** The notifiers with deliveries due at {@code now}. */
  List<UUID> dueNotifiers(Instant now) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT DISTINCT notifier_id FROM notification_deliveries"
                    + " WHERE state = 'PENDING' AND next_attempt_at <= :now")
            .bind("now", now)
            .mapTo(UUID.class)
            .list());
  }

  /**
   * Claims the notifier's next due delivery, the oldest first, and never one while an earlier
   * delivery for the same alert is pending (a resolution waits for its trigger). The claim pushes
   * the row's next attempt to {@code leaseUntil}, so a replica that dies while sending leaves it to
   * be sent again then.
   */
  Optional<Delivery> claim(UUID notifierId, Instant now, Instant leaseUntil) {
    return jdbi.inTransaction(handle ->
        handle
            .createQuery(
                "UPDATE notification_deliveries SET next_attempt_at = :lease WHERE id = ("
                    + "SELECT d.id FROM notification_deliveries d WHERE d.notifier_id = :notifier"
                    + " AND d.state = 'PENDING' AND d.next_attempt_at <= :now AND NOT EXISTS ("
                    + "SELECT 1 FROM notification_deliveries e WHERE e.notifier_id = d.notifier_id"
                    + " AND e.alert_id = d.alert_id AND e.state = 'PENDING' AND e.id < d.id)"
                    + " ORDER BY d.next_attempt_at, d.id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                    + " RETURNING id, notifier_id, dedup_key, payload::text AS payload, attempts")
            .bind("notifier", notifierId)
            .bind("now", now)
            .bind("lease", leaseUntil.truncatedTo(ChronoUnit.MICROS))
            .map((rows, context) ->
                new Delivery(
                    rows.getLong("id"),
                    rows.getObject("notifier_id", UUID.class),
                    rows.getString("dedup_key"),
                    event(rows.getString("payload")),
                    rows.getInt("attempts")))
            .findOne());
  }

  /** What an earlier delivery of the same alert made at the peer (a Jira issue key). */
  @Nullable String reference(Delivery delivery) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "SELECT remote_reference FROM notification_deliveries WHERE notifier_id = :notifier"
                    + " AND alert_id = :alert AND remote_reference IS NOT NULL AND id < :id"
                    + " ORDER BY id DESC LIMIT 1")
            .bind("notifier", delivery.notifierId())
            .bind("alert", delivery.event().alertId())
            .bind("id", delivery.id())
            .mapTo(String.class)
            .findOne()
            .orElse(null));
  }

  void sent(Delivery delivery, @Nullable String reference) {
    finish(delivery, "SENT", null, reference);
  }

  void gaveUp(Delivery delivery, String error) {
    finish(delivery, "GAVE_UP", error, null);
  }

  /** Records a failed attempt and when to try again. */
  void retryAt(Delivery delivery, Instant next, String error) {
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "UPDATE notification_deliveries SET attempts = attempts + 1, last_error = :error,"
                    + " next_attempt_at = :next WHERE id = :id")
            .bind("id", delivery.id())
            .bind("error", error)
            .bind("next", next.truncatedTo(ChronoUnit.MICROS))
            .execute());
  }

  /** Deletes deliveries that finished (sent or given up) before {@code before}. */
  int prune(Instant before) {
    return jdbi.withHandle(handle ->
        handle
            .createUpdate(
                "DELETE FROM notification_deliveries WHERE state <> 'PENDING'"
                    + " AND finished_at < :before")
            .bind("before", before)
            .execute());
  }

  private void finish(
      Delivery delivery, String state, @Nullable String error, @Nullable String reference) {
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "UPDATE notification_deliveries SET state = :state, attempts = attempts + 1,"
                    + " last_error = :error, remote_reference = :reference, finished_at = :now"
                    + " WHERE id = :id")
            .bind("id", delivery.id())
            .bind("state", state)
            .bind("error", error)
            .bind("reference", reference)
            .bind("now", now())
            .execute());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static AlertEvent event(String payload) {
    try {
      return AlertDocument.MAPPER.readValue(payload, AlertEvent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a queued payload is an alert event: " + e.getMessage(), e);
    }
  }
}
