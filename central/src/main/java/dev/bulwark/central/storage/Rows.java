package dev.bulwark.central.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Typed reads of result columns, the same for every store. */
public final class Rows {
  private Rows() {}

  /** A {@code timestamptz} column as an instant; null when the column is NULL. */
  public static @Nullable Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** A {@code timestamptz} column that is NOT NULL. */
  public static Instant requiredInstant(ResultSet rows, String column) throws SQLException {
    Instant value = instant(rows, column);
    if (value == null) {
      throw new SQLException("column " + column + " is NULL");
    }
    return value;
  }

  /** A {@code uuid} column; null when the column is NULL. */
  public static @Nullable UUID uuid(ResultSet rows, String column) throws SQLException {
    return rows.getObject(column, UUID.class);
  }

  /** A {@code uuid} column that is NOT NULL. */
  public static UUID requiredUuid(ResultSet rows, String column) throws SQLException {
    UUID value = uuid(rows, column);
    if (value == null) {
      throw new SQLException("column " + column + " is NULL");
    }
    return value;
  }
}
