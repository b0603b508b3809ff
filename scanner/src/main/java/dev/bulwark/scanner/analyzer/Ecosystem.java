package dev.bulwark.scanner.analyzer;

/**
 * Where a package comes from, named as OSV names its ecosystems, with the Package URL type that
 * identifies packages of it.
 */
public enum Ecosystem {
  DEBIAN("Debian", "deb"),
  UBUNTU("Ubuntu", "deb"),
  ALPINE("Alpine", "apk"),
  /** Packages of rpm-based distributions; {@link OsPackages} names the distribution when known. */
  RED_HAT("Red Hat", "rpm"),
  ROCKY_LINUX("Rocky Linux", "rpm"),
  ALMA_LINUX("AlmaLinux", "rpm"),
  MAVEN("Maven", "maven"),
  NPM("npm", "npm"),
  PYPI("PyPI", "pypi"),
  GO("Go", "golang"),
  CRATES_IO("crates.io", "cargo"),
  RUBYGEMS("RubyGems", "gem"),
  NUGET("NuGet", "nuget");

  private final String osvName;
  private final String purlType;

  Ecosystem(String osvName, String purlType) {
    this.osvName = osvName;
    this.purlType = purlType;
  }

  /** The ecosystem's name in OSV records, for example {@code "crates.io"}. */
  public String osvName() {
    return osvName;
  }

  /** The Package URL type, for example {@code "cargo"}. */
  public String purlType() {
    return purlType;
  }

  /** Whether the operating system's package manager installs packages of this ecosystem. */
  public boolean isOperatingSystem() {
    return switch (purlType) {
      case "deb", "apk", "rpm" -> true;
      default -> false;
    };
  }
}
