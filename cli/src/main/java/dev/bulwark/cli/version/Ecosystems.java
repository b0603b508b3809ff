package dev.bulwark.cli.version;

import dev.bulwark.vulndb.version.VersionComparators;
import dev.bulwark.vulndb.version.VersionScheme;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The names the CLI accepts for a version scheme: short names and OSV ecosystem names. */
final class Ecosystems {
  /** Short names, in lower case; the scheme names themselves are accepted too. */
  private static final Map<String, VersionScheme> ALIASES =
      Map.ofEntries(
          Map.entry("debian", VersionScheme.DPKG),
          Map.entry("ubuntu", VersionScheme.DPKG),
          Map.entry("alpine", VersionScheme.APK),
          Map.entry("wolfi", VersionScheme.APK),
          Map.entry("npm", VersionScheme.SEMVER),
          Map.entry("cargo", VersionScheme.SEMVER),
          Map.entry("crates", VersionScheme.SEMVER),
          Map.entry("hex", VersionScheme.SEMVER),
          Map.entry("golang", VersionScheme.GO),
          Map.entry("pypi", VersionScheme.PEP440),
          Map.entry("python", VersionScheme.PEP440),
          Map.entry("gem", VersionScheme.RUBYGEMS));

  /** What to tell someone who named an unknown ecosystem. */
  static final String CHOICES =
      "dpkg (debian), apk (alpine), rpm, maven, semver (npm, cargo), go, pypi (pep440),"
          + " rubygems (gem), nuget, or an OSV ecosystem name such as Debian:12 or Rocky Linux:9";

  private Ecosystems() {}

  /** The scheme named by {@code name}, ignoring case and any {@code :release} suffix. */
  static Optional<VersionScheme> scheme(String name) {
    String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
    String key = base.strip().toLowerCase(Locale.ROOT);
    for (VersionScheme scheme : VersionScheme.values()) {
      if (scheme.name().toLowerCase(Locale.ROOT).equals(key)) {
        return Optional.of(scheme);
      }
    }
    VersionScheme alias = ALIASES.get(key);
    if (alias != null) {
      return Optional.of(alias);
    }
    return VersionComparators.osvEcosystems().stream()
        .filter(osv -> osv.toLowerCase(Locale.ROOT).equals(key))
        .findFirst()
        .flatMap(VersionComparators::schemeOfOsvEcosystem);
  }
}
