package dev.bulwark.central.clusters;

import dev.bulwark.central.auth.IssuedToken;
import dev.bulwark.central.auth.Role;
import dev.bulwark.central.auth.TokenRequest;
import dev.bulwark.central.auth.TokenStore;
import dev.bulwark.central.storage.Constraints;
import dev.bulwark.central.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/** The {@code clusters} table. Thread-safe. */
public final class ClusterStore {
  private static final String COLUMNS = "id, name, created_at, last_contact_at, sensor_version";

  private final Jdbi jdbi;
  private final TokenStore tokens;
  private final Clock clock;

  public ClusterStore(Jdbi jdbi, TokenStore tokens, Clock clock) {
    this.jdbi = jdbi;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** A cluster just registered, with its sensor's token. */
  public record Registered(Cluster cluster, IssuedToken sensorToken) {}

  /**
   * Registers a cluster and issues its sensor token, in one transaction.
   *
   * @param createdBy the name of the token registering it
   * @throws ClusterNameTakenException when another cluster has the name
   */
  public Registered register(String name, String createdBy) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      return jdbi.inTransaction(handle -> {
        handle
            .createUpdate("INSERT INTO clusters (id, name, created_at) VALUES (:id, :name, :now)")
            .bind("id", id)
            .bind("name", name)
            .bind("now", now)
            .execute();
        IssuedToken token =
            tokens.issue(
                handle,
                new TokenRequest(sensorTokenName(name, id), Role.SENSOR, id, null, createdBy));
        return new Registered(new Cluster(id, name, now, null, null), token);
      });
    } catch (UnableToExecuteStatementException e) {
      if (Constraints.isUniqueViolation(e, "clusters_name_key")) {
        throw new ClusterNameTakenException(name);
      }
      throw e;
    }
  }

  public Optional<Cluster> find(UUID id) {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT " + COLUMNS + " FROM clusters WHERE id = :id")
            .bind("id", id)
            .map(ClusterStore::cluster)
            .findOne());
  }

  /**
   * Clusters by name, starting after {@code afterName} (exclusive; null for the first).
   *
   * @param limit how many to return at most
   */
  public List<Cluster> list(int limit, @Nullable String afterName) {
    String where = afterName == null ? "" : " WHERE name > :after";
    return jdbi.withHandle(handle -> {
      var query =
          handle.createQuery(
              "SELECT " + COLUMNS + " FROM clusters" + where + " ORDER BY name LIMIT :limit");
      if (afterName != null) {
        query.bind("after", afterName);
      }
      return query.bind("limit", limit).map(ClusterStore::cluster).list();
    });
  }

  /**
   * Records that the cluster's sensor called, with its version.
   *
   * @return the cluster after the update; empty when it does not exist
   */
  public Optional<Cluster> recordContact(UUID id, String sensorVersion) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return jdbi.withHandle(handle ->
        handle
            .createQuery(
                "UPDATE clusters SET last_contact_at = :now, sensor_version = :version"
                    + " WHERE id = :id RETURNING "
                    + COLUMNS)
            .bind("now", now)
            .bind("version", sensorVersion)
            .bind("id", id)
            .map(ClusterStore::cluster)
            .findOne());
  }

  /** The name of a cluster's sensor token; the id keeps it unique if names are reused. */
  static String sensorTokenName(String clusterName, UUID id) {
    return "sensor/" + clusterName + "/" + id.toString().substring(0, 8);
  }

  private static Cluster cluster(ResultSet rows, StatementContext context) throws SQLException {
    return new Cluster(
        Rows.requiredUuid(rows, "id"),
        rows.getString("name"),
        Rows.requiredInstant(rows, "created_at"),
        Rows.instant(rows, "last_contact_at"),
        rows.getString("sensor_version"));
  }
}
