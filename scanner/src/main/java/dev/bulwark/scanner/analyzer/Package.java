package dev.bulwark.scanner.analyzer;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A package installed in a filesystem. Immutable.
 *
 * @param name the name as the ecosystem spells it ({@code group:artifact} for Maven, the module
 *     path for Go, {@code @scope/name} for npm)
 * @param version the version as the package manager records it (Debian and rpm versions include the
 *     epoch, {@code 1:2.3-4}; rpm versions include the release)
 * @param ecosystem the ecosystem
 * @param purl the Package URL
 * @param sourceName the source package's name (Debian {@code Source:}, rpm source rpm, Alpine
 *     origin); equal to {@code name} when the package names no other source
 * @param sourceVersion the source package's version; equal to {@code version} when the package
 *     names no other
 * @param architecture the machine architecture ({@code amd64}, {@code x86_64}, {@code all}), or
 *     {@code null} when the ecosystem has none
 * @param path the normalised path of the file the package was found in; {@code !/} separates an
 *     archive from a path inside it
 */
public record Package(
    String name,
    String version,
    Ecosystem ecosystem,
    PackageUrl purl,
    String sourceName,
    String sourceVersion,
    @Nullable String architecture,
    String path) {
  public Package {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(purl, "purl");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(sourceVersion, "sourceVersion");
    Objects.requireNonNull(path, "path");
  }

  /** A package that names no separate source package and has no architecture. */
  public static Package library(
      String name, String version, Ecosystem ecosystem, PackageUrl purl, String path) {
    return new Package(name, version, ecosystem, purl, name, version, null, path);
  }

  /** This package attributed to another ecosystem, with another Package URL. */
  public Package with(Ecosystem changedEcosystem, PackageUrl changedPurl) {
    return new Package(
        name,
        version,
        changedEcosystem,
        changedPurl,
        sourceName,
        sourceVersion,
        architecture,
        path);
  }
}
