package dev.bulwark.central.storage;

import org.jspecify.annotations.Nullable;

/**
 * How to reach a PostgreSQL database. {@link #toString()} never shows the password.
 *
 * @param url a {@code jdbc:postgresql://HOST[:PORT]/DATABASE} URL
 * @param password null when the server asks for none (trust or peer authentication)
 */
public record ConnectionSettings(String url, String user, @Nullable String password) {
  private static final String PREFIX = "jdbc:postgresql://";

  public ConnectionSettings {
    if (!url.startsWith(PREFIX) || url.length() == PREFIX.length()) {
      throw new IllegalArgumentException(
          "the database URL must look like jdbc:postgresql://HOST:PORT/DATABASE, found '"
              + display(url)
              + "'");
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("the database user is empty");
    }
  }

  /** The URL without its query, where a password may hide. */
  public String displayUrl() {
    return display(url);
  }

  @Override
  public String toString() {
    return "ConnectionSettings[" + displayUrl() + ", user " + user + "]";
  }

  private static String display(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
