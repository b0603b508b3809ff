package dev.bulwark.vulndb.version;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The comparator of every {@link VersionScheme}, and which scheme each OSV ecosystem uses. Both are
 * explicit lists, checked when the class loads. Thread-safe.
 */
public final class VersionComparators {
  private static final List<VersionComparator> ALL =
      List.of(
          DpkgComparator.INSTANCE,
          ApkComparator.INSTANCE,
          RpmComparator.INSTANCE,
          MavenComparator.INSTANCE,
          SemanticComparator.SEMVER,
          SemanticComparator.GO,
          Pep440Comparator.INSTANCE,
          RubyGemsComparator.INSTANCE,
          SemanticComparator.NUGET);

  /**
   * OSV ecosystem names (the part before any {@code :release} suffix) and their schemes, from the
   * OSV schema's list of ecosystems.
   */
  private static final Map<String, VersionScheme> OSV_ECOSYSTEMS =
      Map.ofEntries(
          Map.entry("Debian", VersionScheme.DPKG),
          Map.entry("Ubuntu", VersionScheme.DPKG),
          Map.entry("Alpine", VersionScheme.APK),
          Map.entry("Wolfi", VersionScheme.APK),
          Map.entry("Chainguard", VersionScheme.APK),
          Map.entry("Alpaquita", VersionScheme.APK),
          Map.entry("BellSoft Hardened Containers", VersionScheme.APK),
          Map.entry("MinimOS", VersionScheme.APK),
          Map.entry("Red Hat", VersionScheme.RPM),
          Map.entry("AlmaLinux", VersionScheme.RPM),
          Map.entry("Rocky Linux", VersionScheme.RPM),
          Map.entry("SUSE", VersionScheme.RPM),
          Map.entry("openSUSE", VersionScheme.RPM),
          Map.entry("openEuler", VersionScheme.RPM),
          Map.entry("Mageia", VersionScheme.RPM),
          Map.entry("Photon OS", VersionScheme.RPM),
          Map.entry("Azure Linux", VersionScheme.RPM),
          Map.entry("Maven", VersionScheme.MAVEN),
          Map.entry("npm", VersionScheme.SEMVER),
          Map.entry("crates.io", VersionScheme.SEMVER),
          Map.entry("Hex", VersionScheme.SEMVER),
          Map.entry("Go", VersionScheme.GO),
          Map.entry("PyPI", VersionScheme.PEP440),
          Map.entry("RubyGems", VersionScheme.RUBYGEMS),
          Map.entry("NuGet", VersionScheme.NUGET));

  private static final Map<VersionScheme, VersionComparator> BY_SCHEME = index();

  private VersionComparators() {}

  private static Map<VersionScheme, VersionComparator> index() {
    Map<VersionScheme, VersionComparator> byScheme = new EnumMap<>(VersionScheme.class);
    for (VersionComparator comparator : ALL) {
      if (byScheme.put(comparator.scheme(), comparator) != null) {
        throw new IllegalStateException("two comparators for " + comparator.scheme());
      }
    }
    for (VersionScheme scheme : VersionScheme.values()) {
      if (!byScheme.containsKey(scheme)) {
        throw new IllegalStateException("no comparator for " + scheme);
      }
    }
    return byScheme;
  }

  /** The comparator of {@code scheme}. */
  public static VersionComparator of(VersionScheme scheme) {
    VersionComparator comparator = BY_SCHEME.get(scheme);
    if (comparator == null) {
      throw new IllegalStateException("no comparator for " + scheme);
    }
    return comparator;
  }

  /**
   * The scheme of an OSV ecosystem such as {@code Debian:12}, {@code Alpine:v3.20} or {@code PyPI};
   * a {@code :release} suffix is ignored and the name is matched exactly (OSV names are
   * case-sensitive). Empty for ecosystems Bulwark cannot order.
   */
  public static Optional<VersionScheme> schemeOfOsvEcosystem(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    String name = colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    return Optional.ofNullable(OSV_ECOSYSTEMS.get(name));
  }

  /** The comparator for an OSV ecosystem, empty when Bulwark cannot order its versions. */
  public static Optional<VersionComparator> forOsvEcosystem(String ecosystem) {
    return schemeOfOsvEcosystem(ecosystem).map(VersionComparators::of);
  }

  /**
   * The OSV ecosystem names Bulwark orders, without release suffixes, in alphabetical order
   * (ignoring case).
   */
  public static List<String> osvEcosystems() {
    return OSV_ECOSYSTEMS.keySet().stream()
        .sorted((a, b) -> a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT)))
        .toList();
  }
}
