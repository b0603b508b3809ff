package dev.bulwark.vulndb.version;

/**
 * Debian version ordering as defined by Debian Policy section 5.6.12 and implemented by {@code dpkg
 * --compare-versions}: the epoch numerically, then the upstream version and the revision
 * alternately by non-digit runs (a tilde before everything, even the end; letters before other
 * characters) and digit runs (numerically). A missing revision equals {@code 0}.
 *
 * <p>Works on the string in place without allocating. Like dpkg, it accepts an upstream version
 * that does not start with a digit (dpkg only warns); it rejects what dpkg rejects: an empty
 * version, white space, a non-numeric epoch, an empty upstream version or an empty revision.
 */
final class DpkgComparator implements VersionComparator {
  static final DpkgComparator INSTANCE = new DpkgComparator();

  private DpkgComparator() {}

  @Override
  public VersionScheme scheme() {
    return VersionScheme.DPKG;
  }

  @Override
  public int compare(String left, String right) {
    int leftColon = validate(left);
    int rightColon = validate(right);
    int epochs =
        leftColon < 0 && rightColon < 0
            ? 0
            : Digits.compare(left, 0, Math.max(leftColon, 0), right, 0, Math.max(rightColon, 0));
    if (epochs != 0) {
      return epochs;
    }
    int leftHyphen = revisionSeparator(left, leftColon);
    int rightHyphen = revisionSeparator(right, rightColon);
    int upstream =
        compareRuns(
            left,
            leftColon + 1,
            leftHyphen < 0 ? left.length() : leftHyphen,
            right,
            rightColon + 1,
            rightHyphen < 0 ? right.length() : rightHyphen);
    if (upstream != 0) {
      return upstream;
    }
    return compareRuns(
        left,
        leftHyphen < 0 ? left.length() : leftHyphen + 1,
        left.length(),
        right,
        rightHyphen < 0 ? right.length() : rightHyphen + 1,
        right.length());
  }

  @Override
  public boolean isValid(String version) {
    return problem(version) == null;
  }

  /** Returns the index of the epoch's colon (-1 without an epoch), or throws. */
  private static int validate(String version) {
    String problem = problem(version);
    if (problem != null) {
      throw new InvalidVersionException(VersionScheme.DPKG, version, problem);
    }
    return version.indexOf(':');
  }

  private static @org.jspecify.annotations.Nullable String problem(String version) {
    if (version.isEmpty()) {
      return "the version is empty";
    }
    for (int i = 0; i < version.length(); i++) {
      if (Character.isWhitespace(version.charAt(i))) {
        return "it contains white space";
      }
    }
    int colon = version.indexOf(':');
    if (colon >= 0 && !Digits.allDigits(version, 0, colon)) {
      return "the epoch before ':' must be a number";
    }
    int hyphen = revisionSeparator(version, colon);
    int upstreamEnd = hyphen < 0 ? version.length() : hyphen;
    if (upstreamEnd == colon + 1) {
      return "the upstream version is empty";
    }
    if (hyphen == version.length() - 1) {
      return "the revision after the last '-' is empty";
    }
    return null;
  }

  private static int revisionSeparator(String version, int colon) {
    int hyphen = version.lastIndexOf('-');
    return hyphen > colon ? hyphen : -1;
  }

  /** dpkg's verrevcmp over {@code a[aStart, aEnd)} and {@code b[bStart, bEnd)}. */
  private static int compareRuns(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
    int i = aStart;
    int j = bStart;
    while (i < aEnd || j < bEnd) {
      while ((i < aEnd && !Digits.isDigit(a.charAt(i)))
          || (j < bEnd && !Digits.isDigit(b.charAt(j)))) {
        int leftWeight = i < aEnd ? weight(a.charAt(i)) : 0;
        int rightWeight = j < bEnd ? weight(b.charAt(j)) : 0;
        if (leftWeight != rightWeight) {
          return Integer.signum(leftWeight - rightWeight);
        }
        i++;
        j++;
      }
      int leftDigits = i;
      while (i < aEnd && Digits.isDigit(a.charAt(i))) {
        i++;
      }
      int rightDigits = j;
      while (j < bEnd && Digits.isDigit(b.charAt(j))) {
        j++;
      }
      int numbers = Digits.compare(a, leftDigits, i, b, rightDigits, j);
      if (numbers != 0) {
        return numbers;
      }
    }
    return 0;
  }

  /** Sort weight of one non-digit character: tilde lowest, then digits and the end, letters. */
  private static int weight(char c) {
    if (Digits.isDigit(c)) {
      return 0;
    }
    if (Digits.isLetter(c)) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }
}
