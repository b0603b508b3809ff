package dev.bulwark.vulndb.version;

/**
 * A family of version-ordering rules. Each package ecosystem orders its versions with one scheme;
 * {@link VersionComparators} maps OSV ecosystem names to schemes.
 */
public enum VersionScheme {
  /** Debian and Ubuntu packages, ordered as {@code dpkg --compare-versions} does. */
  DPKG("Debian", "[epoch:]upstream[-revision], such as 1:2.36-9+deb12u4"),
  /** Alpine and Wolfi packages, ordered as apk-tools does. */
  APK("Alpine", "digits[.digits]...[letter][_suffix[N]]...[-rN], such as 1.36.1_p2-r3"),
  /** RPM packages (Red Hat, AlmaLinux, Rocky Linux, Fedora, SUSE...), ordered as rpmvercmp. */
  RPM("RPM", "[epoch:]version[-release], such as 1:3.0.7-27.el9"),
  /** Maven artifacts, ordered as Maven 4's ComparableVersion. */
  MAVEN("Maven", "dot- or hyphen-separated numbers and qualifiers, such as 2.17.1 or 1.0-beta-2"),
  /** Semantic Versioning 2.0 as node-semver compares it: npm, crates.io, Hex. */
  SEMVER("SemVer", "MAJOR.MINOR.PATCH[-prerelease][+build], such as 4.17.21 or 1.0.0-rc.1"),
  /** Go modules: semantic versions with a leading v, pseudo-versions and +incompatible. */
  GO("Go", "v MAJOR.MINOR.PATCH[-prerelease][+build], such as v1.2.3 or v0.0.0-20230101-abcdef"),
  /** PyPI, ordered by PEP 440. */
  PEP440("PEP 440", "[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], such as 2.31.0 or 1.0rc1"),
  /** RubyGems, ordered as Gem::Version. */
  RUBYGEMS("RubyGems", "dot-separated numbers and letters, such as 7.1.3 or 2.0.0.rc1"),
  /** NuGet: SemVer 2.0 plus legacy four-part versions. */
  NUGET("NuGet", "MAJOR.MINOR[.PATCH[.REVISION]][-prerelease][+metadata], such as 13.0.3");

  private final String displayName;
  private final String syntax;

  VersionScheme(String displayName, String syntax) {
    this.displayName = displayName;
    this.syntax = syntax;
  }

  /** The name used in messages, such as {@code Debian}. */
  public String displayName() {
    return displayName;
  }

  /** What a valid version looks like, with an example, for error messages. */
  public String syntax() {
    return syntax;
  }
}
