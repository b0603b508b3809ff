package dev.bulwark.central.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;

/**
 * Central's database: a connection pool on PostgreSQL, migrated to the current schema when opened
 * (Flyway, scripts in {@code db/migration}; replicas starting together migrate once, under Flyway's
 * lock), with JDBI on top. The same SQL runs on the embedded and on an external server.
 * Thread-safe.
 */
public final class Database implements AutoCloseable {
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration FIRST_CONNECTION_TIMEOUT = Duration.ofSeconds(15);

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Migration migration;

  /** What opening did to the schema. */
  public record Migration(String schemaVersion, int applied) {}

  private Database(HikariDataSource pool, Migration migration) {
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
    this.migration = migration;
  }

  /**
   * Connects with a pool of at most {@code poolSize} connections and applies the migrations the
   * database lacks.
   *
   * @throws DatabaseException when the server cannot be reached within 15 s, refuses the
   *     credentials, or a migration fails (the message says which)
   */
  public static Database open(ConnectionSettings settings, int poolSize) throws DatabaseException {
    HikariConfig config = new HikariConfig();
    config.setPoolName("central");
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    config.setInitializationFailTimeout(FIRST_CONNECTION_TIMEOUT.toMillis());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new DatabaseException(
          "cannot connect to "
              + settings.displayUrl()
              + " as "
              + settings.user()
              + ": "
              + rootMessage(e),
          e);
    }
    try {
      return new Database(pool, migrate(pool));
    } catch (DatabaseException | RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** JDBI on the pool, for the stores. */
  public Jdbi jdbi() {
    return jdbi;
  }

  public Migration migration() {
    return migration;
  }

  /** The server's version, e.g. {@code 18.6}. */
  public String serverVersion() {
    return jdbi.withHandle(
        handle -> handle.createQuery("SHOW server_version").mapTo(String.class).one());
  }

  /** Whether the database answers within the pool's connection timeout (5 s). */
  public boolean reachable() {
    try (Connection connection = pool.getConnection()) {
      return connection.isValid((int) CONNECTION_TIMEOUT.toSeconds());
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static Migration migrate(DataSource dataSource) throws DatabaseException {
    try {
      Flyway flyway =
          Flyway.configure()
              .dataSource(dataSource)
              .locations("classpath:db/migration")
              .failOnMissingLocations(true)
              .load();
      MigrateResult result = flyway.migrate();
      MigrationInfo current = flyway.info().current();
      return new Migration(
          current == null ? "none" : current.getVersion().getVersion(), result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new DatabaseException("migrating the database failed: " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }
}
