package dev.bulwark.central.notifiers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.notifiers.channel.Configuration;
import dev.bulwark.central.notifiers.channel.NotifierType;
import dev.bulwark.central.secrets.Secret;
import dev.bulwark.central.secrets.SecretBox;
import dev.bulwark.central.secrets.SecretException;
import dev.bulwark.central.storage.Constraints;
import dev.bulwark.central.storage.Rows;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code notifiers} table. Secrets are sealed together as one JSON object with the
 * installation's key for {@code notifier/<id>/secrets}; only their names are readable without the
 * key. Thread-safe.
 */
public final class NotifierStore {
  private static final String COLUMNS =
      "n.id, n.name, n.type, n.settings::text AS settings, n.secret_names, n.target_annotation,"
          + " n.created_at, n.updated_at, n.updated_by, n.consecutive_failures, n.last_error,"
          + " n.last_failure_at, n.last_success_at,"
          + " (SELECT count(*) FROM notification_deliveries d WHERE d.notifier_id = n.id"
          + " AND d.state = 'PENDING') AS pending,"
          + " (SELECT count(*) FROM notification_deliveries d WHERE d.notifier_id = n.id"
          + " AND d.state = 'GAVE_UP') AS gave_up";
  private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {};

  private final Jdbi jdbi;
  private final SecretBox box;
  private final Clock clock;

  public NotifierStore(Jdbi jdbi, SecretBox box, Clock clock) {
    this.jdbi = jdbi;
    this.box = box;
    this.clock = clock;
  }

  /**
   * Stores a new notifier.
   *
   * @throws NotifierNameTakenException when the name is taken
   */
  public Notifier create(NotifierDraft draft, String updatedBy) {
    UUID id = UUID.randomUUID();
    Instant now = now();
    return translateConflicts(
        draft.name(),
        () -> {
          jdbi.useHandle(handle ->
              handle
                  .createUpdate(
                      "INSERT INTO notifiers (id, name, type, settings, secrets, secret_names,"
                          + " target_annotation, created_at, updated_at, updated_by) VALUES (:id,"
                          + " :name, :type, CAST(:settings AS jsonb), :secrets, :secretNames,"
                          + " :annotation, :now, :now, :by)")
                  .bind("id", id)
                  .bind("name", draft.name())
                  .bind("type", draft.type().wireName())
                  .bind("settings", draft.settings().toString())
                  .bind("secrets", seal(id, draft.secrets()))
                  .bind("secretNames", names(draft.secrets()))
                  .bind("annotation", draft.targetAnnotation())
                  .bind("now", now)
                  .bind("by", updatedBy)
                  .execute());
          return find(id).orElseThrow();
        });
  }

  /**
   * Replaces a notifier's name, settings and target annotation; secrets in the draft replace those
   * stored, the others are kept (those the type no longer has are dropped).
   *
   * @return the notifier now; empty when there is none with the id
   * @throws NotifierNameTakenException when another notifier has the name
   * @throws SecretException when the stored secrets do not open with the configured key
   */
  public Optional<Notifier> replace(UUID id, NotifierDraft draft, String updatedBy)
      throws SecretException {
    Optional<Configuration> stored = configuration(id);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> secrets = new LinkedHashMap<>();
    stored
        .get()
        .secrets()
        .forEach((name, secret) -> {
          if (draft.type().secretNames().contains(name)) {
            secrets.put(name, secret.reveal());
          }
        });
    secrets.putAll(draft.secrets());
    Instant now = now();
    return translateConflicts(
        draft.name(),
        () -> {
          int changed =
              jdbi.withHandle(handle ->
                  handle
                      .createUpdate(
                          "UPDATE notifiers SET name = :name, type = :type, settings ="
                              + " CAST(:settings AS jsonb), secrets = :secrets, secret_names ="
                              + " :secretNames, target_annotation = :annotation, updated_at = :now,"
                              + " updated_by = :by WHERE id = :id")
                      .bind("id", id)
                      .bind("name", draft.name())
                      .bind("type", draft.type().wireName())
                      .bind("settings", draft.settings().toString())
                      .bind("secrets", seal(id, secrets))
                      .bind("secretNames", names(secrets))
                      .bind("annotation", draft.targetAnnotation())
                      .bind("now", now)
                      .bind("by", updatedBy)
                      .execute());
          return changed == 0 ? Optional.empty() : find(id);
        });
  }

  /** Deletes the notifier and its queued deliveries; false when there is none with the id. */
  public boolean delete(UUID id) {
    return jdbi.withHandle(handle ->
        handle.createUpdate("DELETE FROM notifiers WHERE id = :id").bind("id", id).execute())
        > 0;
  }

  public Optional<Notifier> find(UUID id) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT " + COLUMNS + " FROM notifiers n WHERE n.id = :id")
            .bind("id", id)
            .map(NotifierStore::notifier)
            .findOne());
  }

  /** Notifiers by name, after {@code afterName} (exclusive; null for the first). */
  public List<Notifier> list(int limit, @Nullable String afterName) {
    return jdbi.withHandle(handle -> {
      var query =
          handle.createQuery(
              "SELECT "
                  + COLUMNS
                  + " FROM notifiers n"
                  + (afterName == null ? "" : " WHERE n.name > :after")
                  + " ORDER BY n.name LIMIT :limit");
      if (afterName != null) {
        query.bind("after", afterName);
      }
      return query.bind("limit", limit).map(NotifierStore::notifier).list();
    });
  }

  /**
   * The notifier's settings with its secrets opened, for sending; empty when there is none.
   *
   * @throws SecretException when the secrets do not open (another key, damaged)
   */
  public Optional<Configuration> configuration(UUID id) throws SecretException {
    Optional<SealedRow> row =
        jdbi.withHandle(handle ->
            handle
                .createQuery(
                    "SELECT settings::text AS settings, secrets FROM notifiers WHERE id = :id")
                .bind("id", id)
                .map((rows, context) ->
                    new SealedRow(rows.getString("settings"), rows.getBytes("secrets")))
                .findOne());
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Secret> secrets = new LinkedHashMap<>();
    byte[] sealed = row.get().secrets();
    if (sealed != null) {
      String json = box.open(sealed, context(id)).reveal();
      try {
        Json.MAPPER
            .readValue(json, SECRETS)
            .forEach((name, value) -> secrets.put(name, new Secret(value)));
      } catch (JsonProcessingException e) {
        throw new SecretException("the notifier's secrets opened but are not the stored JSON");
      }
    }
    return Optional.of(new Configuration(settings(row.get().settings()), secrets));
  }

  /** Records a successful delivery. */
  public void recordSuccess(UUID id) {
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "UPDATE notifiers SET consecutive_failures = 0, last_success_at = :now"
                    + " WHERE id = :id")
            .bind("id", id)
            .bind("now", now())
            .execute());
  }

  /** Records a failed attempt; {@code error} must hold no secret. */
  public void recordFailure(UUID id, String error) {
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "UPDATE notifiers SET consecutive_failures = consecutive_failures + 1,"
                    + " last_error = :error, last_failure_at = :now WHERE id = :id")
            .bind("id", id)
            .bind("error", error)
            .bind("now", now())
            .execute());
  }

  /** The notifiers named by a policy (by id or by name), with their type and settings. */
  static List<Addressee> addressees(Handle handle, List<String> idsOrNames) {
    if (idsOrNames.isEmpty()) {
      return List.of();
    }
    return handle
        .createQuery(
            "SELECT id, type, settings::text AS settings, target_annotation FROM notifiers"
                + " WHERE id::text = ANY(:keys) OR name = ANY(:keys)")
        .bind("keys", idsOrNames.toArray(new String[0]))
        .map((rows, context) ->
            new Addressee(
                rows.getObject("id", UUID.class),
                NotifierType.fromWireName(rows.getString("type")).orElseThrow(),
                settings(rows.getString("settings"))))
        .list();
  }

  /** A notifier an event may be queued for. */
  record Addressee(UUID id, NotifierType type, ObjectNode settings) {}

  private record SealedRow(String settings, byte @Nullable [] secrets) {}

  private byte @Nullable [] seal(UUID id, Map<String, String> secrets) {
    if (secrets.isEmpty()) {
      return null;
    }
    try {
      return box.seal(Json.MAPPER.writeValueAsString(secrets), context(id));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }

  private static String context(UUID id) {
    return "notifier/" + id + "/secrets";
  }

  private static String[] names(Map<String, String> secrets) {
    return new TreeSet<>(secrets.keySet()).toArray(new String[0]);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static <T> T translateConflicts(String name, Supplier<T> write) {
    try {
      return write.get();
    } catch (UnableToExecuteStatementException e) {
      if (Constraints.isUniqueViolation(e, "notifiers_name_key")) {
        throw new NotifierNameTakenException(name);
      }
      throw e;
    }
  }

  static ObjectNode settings(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored settings are a JSON object", e);
    }
  }

  private static Notifier notifier(ResultSet rows, StatementContext context) throws SQLException {
    Array names = rows.getArray("secret_names");
    Set<String> secretNames = Set.copyOf(Arrays.asList((String[]) names.getArray()));
    return new Notifier(
        rows.getObject("id", UUID.class),
        rows.getString("name"),
        NotifierType.fromWireName(rows.getString("type")).orElseThrow(),
        settings(rows.getString("settings")),
        secretNames,
        rows.getString("target_annotation"),
        Rows.requiredInstant(rows, "created_at"),
        Rows.requiredInstant(rows, "updated_at"),
        rows.getString("updated_by"),
        new Notifier.Status(
            rows.getInt("consecutive_failures"),
            rows.getString("last_error"),
            Rows.instant(rows, "last_failure_at"),
            Rows.instant(rows, "last_success_at"),
            rows.getLong("pending"),
            rows.getLong("gave_up")));
  }
}
