package dev.bulwark.vulndb.osv;

import java.util.Locale;

/**
 * One event of a range: a version at which the affected state changes.
 *
 * @param kind what happens at the version
 * @param version the version, or a commit hash in a {@code GIT} range
 */
public record Event(Kind kind, String version) {
  /** The OSV event kinds. */
  public enum Kind {
    INTRODUCED,
    FIXED,
    LAST_AFFECTED,
    LIMIT;

    /** The OSV key of the kind, such as {@code last_affected}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind for an OSV key. */
    static Kind ofKey(String key) {
      return valueOf(key.toUpperCase(Locale.ROOT));
    }
  }
}
