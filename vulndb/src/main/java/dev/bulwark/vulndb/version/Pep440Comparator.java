package dev.bulwark.vulndb.version;

/**
 * PyPI version ordering by PEP 440; see {@link Pep440Version} for what is accepted. Strings that
 * are not PEP 440 versions are still ordered, before every PEP 440 version, as Python's packaging
 * library ordered them before release 22 (see {@link LegacyPythonVersion}), because PyPI and its
 * advisories contain them; {@link #isValid} is false for them and only a blank version is rejected.
 */
final class Pep440Comparator implements VersionComparator {
  static final Pep440Comparator INSTANCE = new Pep440Comparator();

  private Pep440Comparator() {}

  @Override
  public VersionScheme scheme() {
    return VersionScheme.PEP440;
  }

  @Override
  public int compare(String left, String right) {
    Pep440Version a = parseOrNull(left);
    Pep440Version b = parseOrNull(right);
    if (a != null && b != null) {
      return Integer.signum(a.compareTo(b));
    }
    if (a != null || b != null) {
      return a != null ? 1 : -1;
    }
    return LegacyPythonVersion.of(left).compareTo(LegacyPythonVersion.of(right));
  }

  @Override
  public boolean isValid(String version) {
    return !version.isBlank() && parseOrNull(version) != null;
  }

  private static @org.jspecify.annotations.Nullable Pep440Version parseOrNull(String version) {
    if (version.isBlank()) {
      throw new InvalidVersionException(VersionScheme.PEP440, version, "the version is blank");
    }
    try {
      return Pep440Version.parse(version);
    } catch (InvalidVersionException e) {
      return null;
    }
  }
}
