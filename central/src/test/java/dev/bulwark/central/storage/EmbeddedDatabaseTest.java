package dev.bulwark.central.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.central.server.CentralSettings;
import dev.bulwark.central.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {
  private static final Path BINARIES =
      CentralSettings.defaultBinaries(
          System.getenv("XDG_CACHE_HOME"), Path.of(System.getProperty("user.home")));

  @Test
  void theClusterIsCreatedOnceAsksForItsPasswordAndKeepsItsData(@TempDir Path home)
      throws Exception {
    ConnectionSettings connection;
    try (EmbeddedDatabase database = EmbeddedDatabase.start(home, BINARIES)) {
      assertThat(database.created()).isTrue();
      connection = database.connection();
      assertThat(connection.url()).startsWith("jdbc:postgresql://localhost:").endsWith("/bulwark");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(home.resolve("password"))))
          .isEqualTo("rw-------");
      assertThatThrownBy(
              () -> DriverManager.getConnection(connection.url(), connection.user(), "wrong"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      TestDatabases.execute(connection, "CREATE TABLE kept (value text)");
      TestDatabases.execute(connection, "INSERT INTO kept VALUES ('still here')");
      assertThatThrownBy(() -> EmbeddedDatabase.start(home, BINARIES))
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("another process runs the embedded PostgreSQL");
    }

    try (EmbeddedDatabase again = EmbeddedDatabase.start(home, BINARIES);
        var jdbc =
            DriverManager.getConnection(
                again.connection().url(),
                again.connection().user(),
                again.connection().password());
        var rows = jdbc.createStatement().executeQuery("SELECT value FROM kept")) {
      assertThat(again.created()).isFalse();
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("still here");
    }
  }

  @Test
  void aClusterWithoutItsPasswordFileIsRefusedWithAHint(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("data"));
    Files.writeString(home.resolve("data/PG_VERSION"), "18\n");

    assertThatThrownBy(() -> EmbeddedDatabase.start(home, BINARIES))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("password file")
        .hasMessageContaining("restore it");
  }
}
