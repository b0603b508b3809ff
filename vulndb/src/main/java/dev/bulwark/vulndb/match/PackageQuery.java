package dev.bulwark.vulndb.match;

import org.jspecify.annotations.Nullable;

/**
 * One installed package to look up.
 *
 * @param ecosystem the OSV ecosystem with the distribution release where there is one, such as
 *     {@code Debian:12}, {@code Alpine:v3.20}, {@code AlmaLinux:10}, {@code PyPI} or {@code Go}
 * @param name the package name as installed (the binary package name for a distribution)
 * @param version the installed version
 * @param sourceName the source package of a distribution package, or null; Debian and Ubuntu
 *     advisories name source packages, so it is the name looked up there
 * @param sourceVersion the version of the source package, or null when it equals {@code version}
 */
public record PackageQuery(
    String ecosystem,
    String name,
    String version,
    @Nullable String sourceName,
    @Nullable String sourceVersion) {

  /** A query for a package that has no separate source package, such as a PyPI or Go package. */
  public static PackageQuery of(String ecosystem, String name, String version) {
    return new PackageQuery(ecosystem, name, version, null, null);
  }
}
