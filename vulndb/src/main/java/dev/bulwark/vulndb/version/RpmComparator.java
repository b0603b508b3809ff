package dev.bulwark.vulndb.version;

/**
 * RPM version ordering: {@code [epoch:]version[-release]} compared part by part with rpm's
 * rpmvercmp (epoch first, a missing epoch being {@code 0}; when the versions are equal, a missing
 * release sorts before any release, even an empty one: {@code 1 < 1-}). rpmvercmp splits a string
 * into runs of ASCII digits or ASCII letters, everything else separating them; digit runs compare
 * numerically and sort after letter runs; {@code ~} sorts before everything, even the end; {@code
 * ^} sorts after the end but before any further run.
 *
 * <p>The epoch is the text before the first colon and is compared with the same rules, so odd
 * epochs found in advisories still order deterministically. Works in place without allocating; only
 * an empty version or one with white space is rejected.
 */
final class RpmComparator implements VersionComparator {
  static final RpmComparator INSTANCE = new RpmComparator();

  private RpmComparator() {}

  @Override
  public VersionScheme scheme() {
    return VersionScheme.RPM;
  }

  @Override
  public int compare(String left, String right) {
    validate(left);
    validate(right);
    int leftColon = left.indexOf(':');
    int rightColon = right.indexOf(':');
    int epochs =
        rpmvercmp(
            leftColon < 0 ? "0" : left,
            0,
            leftColon < 0 ? 1 : leftColon,
            rightColon < 0 ? "0" : right,
            0,
            rightColon < 0 ? 1 : rightColon);
    if (epochs != 0) {
      return epochs;
    }
    int leftHyphen = left.lastIndexOf('-');
    int rightHyphen = right.lastIndexOf('-');
    boolean leftRelease = leftHyphen > leftColon;
    boolean rightRelease = rightHyphen > rightColon;
    int versions =
        rpmvercmp(
            left,
            leftColon + 1,
            leftRelease ? leftHyphen : left.length(),
            right,
            rightColon + 1,
            rightRelease ? rightHyphen : right.length());
    if (versions != 0) {
      return versions;
    }
    if (leftRelease != rightRelease) {
      // A version without a release sorts before the same version with one, even an empty one.
      return leftRelease ? 1 : -1;
    }
    return rpmvercmp(
        left,
        leftRelease ? leftHyphen + 1 : left.length(),
        left.length(),
        right,
        rightRelease ? rightHyphen + 1 : right.length(),
        right.length());
  }

  @Override
  public boolean isValid(String version) {
    if (version.isEmpty()) {
      return false;
    }
    for (int i = 0; i < version.length(); i++) {
      if (Character.isWhitespace(version.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private void validate(String version) {
    if (!isValid(version)) {
      throw new InvalidVersionException(
          VersionScheme.RPM,
          version,
          version.isEmpty() ? "the version is empty" : "it contains white space");
    }
  }

  private static boolean isAlphanumeric(char c) {
    return Digits.isDigit(c) || Digits.isLetter(c);
  }

  private static boolean isSeparator(char c) {
    return !isAlphanumeric(c) && c != '~' && c != '^';
  }

  /** rpmvercmp over {@code a[i, aEnd)} and {@code b[j, bEnd)}. */
  static int rpmvercmp(String a, int i, int aEnd, String b, int j, int bEnd) {
    if (aEnd - i == bEnd - j && a.regionMatches(i, b, j, aEnd - i)) {
      return 0;
    }
    while (i < aEnd || j < bEnd) {
      while (i < aEnd && isSeparator(a.charAt(i))) {
        i++;
      }
      while (j < bEnd && isSeparator(b.charAt(j))) {
        j++;
      }
      char leftChar = i < aEnd ? a.charAt(i) : 0;
      char rightChar = j < bEnd ? b.charAt(j) : 0;
      if (leftChar == '~' || rightChar == '~') {
        if (leftChar != '~') {
          return 1;
        }
        if (rightChar != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (leftChar == '^' || rightChar == '^') {
        if (i >= aEnd) {
          return -1;
        }
        if (j >= bEnd) {
          return 1;
        }
        if (leftChar != '^') {
          return 1;
        }
        if (rightChar != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= aEnd || j >= bEnd) {
        break;
      }
      boolean numeric = Digits.isDigit(leftChar);
      int leftEnd = runEnd(a, i, aEnd, numeric);
      int rightEnd = runEnd(b, j, bEnd, numeric);
      if (rightEnd == j) {
        // A number against letters: the number is newer.
        return numeric ? 1 : -1;
      }
      int runs =
          numeric
              ? Digits.compare(a, i, leftEnd, b, j, rightEnd)
              : compareText(a, i, leftEnd, b, j, rightEnd);
      if (runs != 0) {
        return runs;
      }
      i = leftEnd;
      j = rightEnd;
    }
    if (i >= aEnd && j >= bEnd) {
      return 0;
    }
    return i >= aEnd ? -1 : 1;
  }

  private static int runEnd(String text, int start, int end, boolean numeric) {
    int i = start;
    while (i < end
        && (numeric ? Digits.isDigit(text.charAt(i)) : Digits.isLetter(text.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static int compareText(String a, int i, int aEnd, String b, int j, int bEnd) {
    int length = Math.min(aEnd - i, bEnd - j);
    for (int k = 0; k < length; k++) {
      int difference = a.charAt(i + k) - b.charAt(j + k);
      if (difference != 0) {
        return Integer.signum(difference);
      }
    }
    return Integer.compare(aEnd - i, bEnd - j);
  }
}
