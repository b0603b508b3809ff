package dev.bulwark.central.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.central.testing.ExternalPostgres;
import dev.bulwark.central.testing.TestServer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract, and central itself, on a real PostgreSQL server from Debian's packages
 * reached with --database-url (the production setting), as a role that is not a superuser.
 */
class ExternalPostgresIT extends StorageContract {
  private static @Nullable ExternalPostgres postgres;

  /** Started on first use: the contract's own set-up asks for a database first. */
  private static synchronized ExternalPostgres postgres() {
    if (postgres == null) {
      postgres = ExternalPostgres.start();
    }
    return postgres;
  }

  @AfterAll
  static synchronized void stopPostgres() {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  @Override
  ConnectionSettings freshDatabase() {
    return postgres().fresh();
  }

  @Test
  void centralServesFromTheExternalDatabaseAndKeepsItsDataAcrossRestarts(@TempDir Path data) {
    ConnectionSettings database = postgres().fresh();
    String clusterId;
    try (TestServer central =
        TestServer.start(data.resolve("one"), database, settings -> settings)) {
      assertThat(central.server.started().database()).startsWith("PostgreSQL 15").contains(":");
      clusterId =
          central
              .client
              .post("/v1/clusters", central.adminToken, "{\"name\": \"external\"}")
              .body()
              .get("id")
              .asText();
    }
    // restarted on the same database and data directory: the data and the admin token remain
    try (TestServer replica =
        TestServer.start(data.resolve("one"), database, settings -> settings)) {
      assertThat(replica.client.get("/v1/clusters/" + clusterId, replica.adminToken).status())
          .isEqualTo(200);
      assertThat(replica.client.get("/v1/health", null).body().get("database").asText())
          .isEqualTo("reachable");
    }
  }
}
