package dev.bulwark.central.testing;

import dev.bulwark.central.server.CentralSettings;
import dev.bulwark.central.storage.ConnectionSettings;
import dev.bulwark.central.storage.DatabaseException;
import dev.bulwark.central.storage.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One embedded PostgreSQL per test JVM, started on first use (in {@code target/test-postgres}, so
 * later runs restart it instead of creating it) and stopped when the JVM exits; each test class
 * takes a database of its own from it, which keeps the classes independent and fast.
 */
public final class TestDatabases {
  private static final Path HOME = Path.of("target", "test-postgres").toAbsolutePath();
  private static EmbeddedDatabase shared;

  private TestDatabases() {}

  /** A new, empty database on the shared server. */
  public static synchronized ConnectionSettings fresh() {
    ConnectionSettings server = server();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    execute(server, "CREATE DATABASE " + name);
    String url = server.url().substring(0, server.url().lastIndexOf('/') + 1) + name;
    return new ConnectionSettings(url, server.user(), server.password());
  }

  /** Runs one statement with its own connection. */
  public static void execute(ConnectionSettings database, String sql) {
    try (Connection connection =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + database, e);
    }
  }

  private static ConnectionSettings server() {
    if (shared == null) {
      try {
        shared =
            EmbeddedDatabase.start(
                HOME,
                CentralSettings.defaultBinaries(
                    System.getenv("XDG_CACHE_HOME"), Path.of(System.getProperty("user.home"))));
      } catch (DatabaseException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      EmbeddedDatabase started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-postgres-stop"));
    }
    return shared.connection();
  }
}
