package dev.bulwark.scanner.analyzer;

import java.util.Objects;

/**
 * What one file says about the operating system. {@link OsFindings#resolve} combines the findings
 * of a filesystem into one {@link OsRelease}.
 *
 * @param path the file's normalised path
 * @param kind how much the file is worth next to others
 * @param release what it says
 */
public record OsFinding(String path, Kind kind, OsRelease release) {
  public OsFinding {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(release, "release");
  }

  /** The kinds of file, most authoritative first. */
  public enum Kind {
    /** {@code etc/os-release}. */
    OS_RELEASE,
    /** {@code usr/lib/os-release}, which {@code etc/os-release} overrides. */
    VENDOR_OS_RELEASE,
    /** A distribution's own file ({@code etc/debian_version}, {@code etc/alpine-release}...). */
    DISTRIBUTION_FILE,
    /** A file several distributions share ({@code etc/system-release}, {@code etc/lsb-release}). */
    GENERIC_FILE
  }
}
