package dev.bulwark.scanner.sbom;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What bulwark's own SBOM writers add beyond Package URLs so that reading their output back gives
 * the packages a scan found: the source package, which a Package URL carries only for some
 * ecosystems and never with its version. Writers and {@link SbomReader} share these; a change is a
 * change of the documented SBOM format (docs/image-scan.md).
 */
public final class SbomConventions {
  /** CycloneDX component property: the name of the source package the package was built from. */
  public static final String SOURCE_NAME_PROPERTY = "bulwark:sourceName";

  /** CycloneDX component property: the version of that source package. */
  public static final String SOURCE_VERSION_PROPERTY = "bulwark:sourceVersion";

  private static final String SOURCE_INFO_PREFIX = "built from source package ";
  private static final Pattern SOURCE_INFO =
      Pattern.compile(Pattern.quote(SOURCE_INFO_PREFIX) + "(\\S+) (\\S+)");

  private SbomConventions() {}

  /**
   * The SPDX 2 {@code sourceInfo} (tag-value {@code PackageSourceInfo}) of a package built from
   * another source package: {@code built from source package zlib 1:1.2.13.dfsg-1}.
   */
  public static String spdxSourceInfo(String sourceName, String sourceVersion) {
    return SOURCE_INFO_PREFIX + sourceName + " " + sourceVersion;
  }

  /** The source package's name and version when {@code sourceInfo} is in the form written here. */
  static Optional<SourcePackage> parseSpdxSourceInfo(String sourceInfo) {
    Matcher matcher = SOURCE_INFO.matcher(sourceInfo.strip());
    return matcher.matches()
        ? Optional.of(new SourcePackage(matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }

  /** A source package's name and version. */
  record SourcePackage(String name, String version) {}
}
