package dev.bulwark.scanner.vuln;

import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.vulndb.match.PackageQuery;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a scanned package into the vulnerability database queries that can find its records.
 *
 * <p>Distribution ecosystems are keyed by release exactly as OSV writes them: {@code Debian:12}
 * (major version), {@code Alpine:v3.20} (major.minor with a {@code v}), {@code AlmaLinux:10} and
 * {@code Rocky Linux:9} (major version), {@code Ubuntu:22.04} and, because OSV files the long term
 * support releases' records under it, also {@code Ubuntu:22.04:LTS}. Red Hat's records are keyed by
 * product stream ({@code Red Hat:enterprise_linux:9::baseos}), which an image does not name, so Red
 * Hat packages, and distribution packages of an image whose release is unknown, get no query.
 * Stateless and thread-safe.
 */
public final class PackageQueries {
  private static final Pattern NUMBERS = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?.*");

  private PackageQueries() {}

  /**
   * The queries for one package: one for a language package, one or two for a distribution package,
   * none when its release cannot be named.
   *
   * @param found the package, distribution packages already attributed to their distribution
   * @param os the image's operating system, or null when none was found
   */
  public static List<PackageQuery> of(Package found, @Nullable OsRelease os) {
    if (!found.ecosystem().isOperatingSystem()) {
      return List.of(PackageQuery.of(found.ecosystem().osvName(), found.name(), found.version()));
    }
    return releaseEcosystems(found, os).stream().map(ecosystem -> query(found, ecosystem)).toList();
  }

  private static PackageQuery query(Package found, String ecosystem) {
    return new PackageQuery(
        ecosystem,
        found.name(),
        found.version(),
        found.sourceName(),
        found.sourceVersion().equals(found.version()) ? null : found.sourceVersion());
  }

  private static List<String> releaseEcosystems(Package found, @Nullable OsRelease os) {
    String versionId = os == null ? null : os.versionId();
    if (versionId == null) {
      return List.of();
    }
    Matcher numbers = NUMBERS.matcher(versionId.strip());
    if (!numbers.matches()) {
      return List.of();
    }
    String major = numbers.group(1);
    String minor = numbers.group(2);
    String name = found.ecosystem().osvName();
    return switch (found.ecosystem()) {
      case DEBIAN, ALMA_LINUX, ROCKY_LINUX -> List.of(name + ":" + major);
      case ALPINE -> minor == null ? List.of() : List.of(name + ":v" + major + "." + minor);
      case UBUNTU ->
          minor == null
              ? List.of()
              : List.of(
                  name + ":" + major + "." + minor, name + ":" + major + "." + minor + ":LTS");
      default -> List.of();
    };
  }
}
