package dev.bulwark.vulndb.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RubyGems version ordering as {@code Gem::Version#<=>}: a hyphen means {@code .pre.}; the version
 * splits into runs of digits and runs of letters; trailing zeros are dropped from the numeric
 * prefix and from the rest; then segments compare pairwise (a missing one is 0): letters before
 * numbers, numbers numerically, letters by code point. So {@code 1.0.a < 1.0 = 1} and {@code
 * 1.0.0.rc1 < 1.0.0}. A blank version means {@code 0}, as in RubyGems. Unlike RubyGems, letters may
 * follow the first number without a dot ({@code 1beta}, ordered as {@code 1.beta}), since
 * advisories contain such versions.
 */
final class RubyGemsComparator implements VersionComparator {
  static final RubyGemsComparator INSTANCE = new RubyGemsComparator();

  private static final Pattern SYNTAX =
      Pattern.compile(
          "\\s*([0-9]+[0-9a-zA-Z]*(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?\\s*");

  private RubyGemsComparator() {}

  @Override
  public VersionScheme scheme() {
    return VersionScheme.RUBYGEMS;
  }

  @Override
  public int compare(String left, String right) {
    List<String> a = canonicalSegments(left);
    List<String> b = canonicalSegments(right);
    int size = Math.max(a.size(), b.size());
    for (int i = 0; i < size; i++) {
      String x = i < a.size() ? a.get(i) : "0";
      String y = i < b.size() ? b.get(i) : "0";
      boolean xNumber = Digits.isDigit(x.charAt(0));
      boolean yNumber = Digits.isDigit(y.charAt(0));
      int result;
      if (xNumber && yNumber) {
        result = Digits.compare(x, y);
      } else if (xNumber || yNumber) {
        result = xNumber ? 1 : -1;
      } else {
        result = Integer.signum(x.compareTo(y));
      }
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  @Override
  public boolean isValid(String version) {
    return SYNTAX.matcher(version).matches();
  }

  /** The segments after dropping trailing zeros from the numeric prefix and from the rest. */
  private static List<String> canonicalSegments(String version) {
    if (!SYNTAX.matcher(version).matches()) {
      throw new InvalidVersionException(
          VersionScheme.RUBYGEMS, version, "RubyGems does not accept it as a version");
    }
    String text = version.strip().replace("-", ".pre.");
    List<String> segments = new ArrayList<>();
    int firstText = -1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int start = i;
      if (Digits.isDigit(c)) {
        while (i < text.length() && Digits.isDigit(text.charAt(i))) {
          i++;
        }
      } else if (Digits.isLetter(c)) {
        while (i < text.length() && Digits.isLetter(text.charAt(i))) {
          i++;
        }
        if (firstText < 0) {
          firstText = segments.size();
        }
      } else {
        i++;
        continue;
      }
      segments.add(text.substring(start, i));
    }
    int numericEnd = firstText < 0 ? segments.size() : firstText;
    List<String> canonical = new ArrayList<>(segments.size());
    canonical.addAll(withoutTrailingZeros(segments.subList(0, numericEnd)));
    canonical.addAll(withoutTrailingZeros(segments.subList(numericEnd, segments.size())));
    return canonical;
  }

  private static List<String> withoutTrailingZeros(List<String> segments) {
    int end = segments.size();
    while (end > 0 && isZero(segments.get(end - 1))) {
      end--;
    }
    return segments.subList(0, end);
  }

  private static boolean isZero(String segment) {
    return Digits.isDigit(segment.charAt(0)) && Digits.isZero(segment);
  }
}
