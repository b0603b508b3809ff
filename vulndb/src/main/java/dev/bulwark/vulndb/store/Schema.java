package dev.bulwark.vulndb.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SQLite schema of the store (docs/adr/0013). Times are epoch milliseconds so that they sort;
 * aliases, severities, ranges and versions are compact JSON, read only for the rows a lookup
 * returns.
 */
final class Schema {
  /** Bumped whenever a table changes; a store of another version must be re-imported. */
  static final int VERSION = 1;

  private static final List<String> TABLES =
      List.of(
          "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
          "CREATE TABLE source(location TEXT PRIMARY KEY, imported_at INTEGER NOT NULL,"
              + " records INTEGER NOT NULL) WITHOUT ROWID",
          "CREATE TABLE vulnerability(id TEXT PRIMARY KEY, modified INTEGER NOT NULL,"
              + " published INTEGER, withdrawn INTEGER, aliases TEXT NOT NULL,"
              + " summary TEXT NOT NULL, severity TEXT NOT NULL, cvss_vector TEXT,"
              + " cvss_version TEXT, cvss_score REAL, cvss_severity TEXT) WITHOUT ROWID",
          "CREATE TABLE alias(alias TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(alias, id))"
              + " WITHOUT ROWID",
          "CREATE TABLE affected(id TEXT NOT NULL, ecosystem TEXT NOT NULL, name TEXT NOT NULL,"
              + " package_name TEXT NOT NULL, purl TEXT, ranges TEXT NOT NULL,"
              + " versions TEXT NOT NULL, database_specific TEXT)",
          "CREATE INDEX affected_package ON affected(ecosystem, name)",
          "CREATE INDEX affected_id ON affected(id)",
          "CREATE INDEX alias_id ON alias(id)",
          "INSERT INTO meta(key, value) VALUES ('schema_version', '" + VERSION + "')");

  private Schema() {}

  static void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.execute(table);
      }
    }
  }
}
