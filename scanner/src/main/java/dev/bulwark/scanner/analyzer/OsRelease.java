package dev.bulwark.scanner.analyzer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The operating system of a filesystem, in os-release(5) terms. Immutable.
 *
 * @param id the lower-case distribution id ({@code debian}, {@code alpine}, {@code rhel})
 * @param versionId the version ({@code 12}, {@code 3.19.1}, {@code 9.3}), or {@code null} when the
 *     distribution has none (Debian testing, for example)
 * @param prettyName a name for people, or {@code null}
 * @param codename the release codename ({@code bookworm}), or {@code null}
 */
public record OsRelease(
    String id, @Nullable String versionId, @Nullable String prettyName, @Nullable String codename) {
  public OsRelease {
    Objects.requireNonNull(id, "id");
  }

  /** This release with its missing fields taken from another. */
  OsRelease completedBy(OsRelease other) {
    return new OsRelease(
        id,
        versionId != null ? versionId : other.versionId,
        prettyName != null ? prettyName : other.prettyName,
        codename != null ? codename : other.codename);
  }
}
