package dev.bulwark.vulndb.version;

/**
 * Maven version ordering, following Maven 4's {@code ComparableVersion} (see {@link MavenVersion}):
 * numbers compare numerically, the qualifiers {@code alpha < beta < milestone < rc = cr < snapshot
 * < release (ga, final, empty) < sp} and other qualifiers after them alphabetically, trailing zeros
 * and release qualifiers are ignored. Every non-blank string is valid, as in Maven.
 *
 * <p>Maven 4 is the release followed (its ComparableVersion test at apache/maven commit 08b4701
 * passes in full); Maven 3 orders some versions differently, such as {@code 2.9.0-1 < 2.9.0.RC1}
 * where Maven 4 says {@code >} (see docs/versions.md).
 */
final class MavenComparator implements VersionComparator {
  static final MavenComparator INSTANCE = new MavenComparator();

  private MavenComparator() {}

  @Override
  public VersionScheme scheme() {
    return VersionScheme.MAVEN;
  }

  @Override
  public int compare(String left, String right) {
    return parse(left).compareTo(parse(right));
  }

  @Override
  public boolean isValid(String version) {
    return !version.isBlank();
  }

  /** Parses {@code version}, rejecting only a blank string. */
  static MavenVersion parse(String version) {
    if (version.isBlank()) {
      throw new InvalidVersionException(VersionScheme.MAVEN, version, "the version is blank");
    }
    return MavenVersion.parse(version);
  }
}
