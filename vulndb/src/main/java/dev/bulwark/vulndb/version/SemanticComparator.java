package dev.bulwark.vulndb.version;

import org.jspecify.annotations.Nullable;

/**
 * Semantic Versioning 2.0 precedence (section 11) for three schemes that share it:
 *
 * <ul>
 *   <li>{@link VersionScheme#SEMVER}, as node-semver parses in loose mode: leading {@code v},
 *       {@code =} and white space are ignored, a pre-release may follow the numbers without a
 *       hyphen ({@code 1.2.3beta}); pre-release identifiers compare case-sensitively.
 *   <li>{@link VersionScheme#GO}: an optional leading {@code v}; pseudo-versions are ordinary
 *       pre-releases and {@code +incompatible} is build metadata, so both order correctly.
 *   <li>{@link VersionScheme#NUGET}: up to four numbers (a missing one is zero), pre-release labels
 *       compare case-insensitively.
 * </ul>
 *
 * <p>In every scheme build metadata is ignored, numbers may have any length and leading zeros, and
 * fewer than three numbers are allowed (missing ones are zero), because advisories use such
 * versions. Numeric pre-release identifiers sort before alphanumeric ones.
 */
final class SemanticComparator implements VersionComparator {
  static final SemanticComparator SEMVER = new SemanticComparator(VersionScheme.SEMVER);
  static final SemanticComparator GO = new SemanticComparator(VersionScheme.GO);
  static final SemanticComparator NUGET = new SemanticComparator(VersionScheme.NUGET);

  /** node-semver's limit on the length of a version string. */
  private static final int MAXIMUM_LENGTH = 256;

  private final VersionScheme scheme;

  private SemanticComparator(VersionScheme scheme) {
    this.scheme = scheme;
  }

  @Override
  public VersionScheme scheme() {
    return scheme;
  }

  @Override
  public int compare(String left, String right) {
    Parsed a = parse(left);
    Parsed b = parse(right);
    int numbers = compareNumbers(a, b);
    if (numbers != 0) {
      return numbers;
    }
    boolean leftRelease = a.preStart < 0;
    boolean rightRelease = b.preStart < 0;
    if (leftRelease || rightRelease) {
      return Boolean.compare(leftRelease, rightRelease);
    }
    return comparePrerelease(a, b);
  }

  @Override
  public boolean isValid(String version) {
    return problem(version) == null;
  }

  /**
   * The offsets of one parsed version in its text: the numbers in {@code [numbersStart,
   * numbersEnd)} and the pre-release in {@code [preStart, preEnd)} ({@code preStart} -1 without
   * one).
   */
  private record Parsed(String text, int numbersStart, int numbersEnd, int preStart, int preEnd) {}

  private Parsed parse(String version) {
    Object result = scan(version);
    if (result instanceof String problem) {
      throw new InvalidVersionException(scheme, version, problem);
    }
    return (Parsed) result;
  }

  private @Nullable String problem(String version) {
    return scan(version) instanceof String problem ? problem : null;
  }

  /** Returns a {@link Parsed} or a String saying what is wrong. */
  private Object scan(String version) {
    if (version.length() > MAXIMUM_LENGTH) {
      return "it is longer than " + MAXIMUM_LENGTH + " characters";
    }
    int end = version.length();
    int i = 0;
    if (scheme == VersionScheme.SEMVER) {
      while (end > 0 && Character.isWhitespace(version.charAt(end - 1))) {
        end--;
      }
      while (i < end
          && (version.charAt(i) == 'v'
              || version.charAt(i) == '='
              || Character.isWhitespace(version.charAt(i)))) {
        i++;
      }
    } else if (scheme == VersionScheme.GO && i < end && version.charAt(i) == 'v') {
      i++;
    }
    int numbersStart = i;
    int count = 0;
    while (true) {
      int start = i;
      while (i < end && Digits.isDigit(version.charAt(i))) {
        i++;
      }
      if (i == start) {
        return count == 0
            ? "it does not start with a number"
            : "a '.' must be followed by a number";
      }
      count++;
      if (i < end && version.charAt(i) == '.') {
        i++;
      } else {
        break;
      }
    }
    if (scheme == VersionScheme.NUGET && count > 4) {
      return "it has more than four numbers";
    }
    int numbersEnd = i;
    int preStart = -1;
    int preEnd = -1;
    if (i < end && version.charAt(i) != '+') {
      boolean hyphen = version.charAt(i) == '-';
      if (!hyphen && !(scheme == VersionScheme.SEMVER && Digits.isLetter(version.charAt(i)))) {
        return "unexpected '" + version.charAt(i) + "' after the numbers";
      }
      preStart = hyphen ? i + 1 : i;
      preEnd = version.indexOf('+', preStart);
      preEnd = preEnd < 0 || preEnd > end ? end : preEnd;
      String identifiers = identifiersProblem(version, preStart, preEnd, "pre-release");
      if (identifiers != null) {
        return identifiers;
      }
      i = preEnd;
    }
    if (i < end) {
      String identifiers = identifiersProblem(version, i + 1, end, "build metadata");
      if (identifiers != null) {
        return identifiers;
      }
    }
    return new Parsed(version, numbersStart, numbersEnd, preStart, preEnd);
  }

  private static @Nullable String identifiersProblem(
      String version, int start, int end, String part) {
    int identifierStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || version.charAt(i) == '.') {
        if (i == identifierStart) {
          return "the " + part + " has an empty identifier";
        }
        identifierStart = i + 1;
      } else {
        char c = version.charAt(i);
        if (!Digits.isDigit(c) && !Digits.isLetter(c) && c != '-') {
          return "the " + part + " contains '" + c + "' (allowed: letters, digits, '-', '.')";
        }
      }
    }
    return null;
  }

  private static int compareNumbers(Parsed a, Parsed b) {
    int i = a.numbersStart;
    int j = b.numbersStart;
    while (i < a.numbersEnd || j < b.numbersEnd) {
      int leftEnd = numberEnd(a.text, i, a.numbersEnd);
      int rightEnd = numberEnd(b.text, j, b.numbersEnd);
      int numbers = Digits.compare(a.text, i, leftEnd, b.text, j, rightEnd);
      if (numbers != 0) {
        return numbers;
      }
      // Step over the dot; an exhausted side stays at its end and reads as zero.
      i = Math.min(leftEnd + 1, a.numbersEnd);
      j = Math.min(rightEnd + 1, b.numbersEnd);
    }
    return 0;
  }

  private static int numberEnd(String text, int start, int end) {
    int i = start;
    while (i < end && text.charAt(i) != '.') {
      i++;
    }
    return i;
  }

  private int comparePrerelease(Parsed a, Parsed b) {
    int i = a.preStart;
    int j = b.preStart;
    while (i < a.preEnd && j < b.preEnd) {
      int leftEnd = numberEnd(a.text, i, a.preEnd);
      int rightEnd = numberEnd(b.text, j, b.preEnd);
      int identifiers = compareIdentifier(a.text, i, leftEnd, b.text, j, rightEnd);
      if (identifiers != 0) {
        return identifiers;
      }
      i = leftEnd + 1;
      j = rightEnd + 1;
    }
    // A larger set of identifiers wins when all the common ones are equal.
    return Boolean.compare(i < a.preEnd, j < b.preEnd);
  }

  private int compareIdentifier(String a, int i, int aEnd, String b, int j, int bEnd) {
    boolean leftNumeric = Digits.allDigits(a, i, aEnd);
    boolean rightNumeric = Digits.allDigits(b, j, bEnd);
    if (leftNumeric && rightNumeric) {
      return Digits.compare(a, i, aEnd, b, j, bEnd);
    }
    if (leftNumeric || rightNumeric) {
      return leftNumeric ? -1 : 1;
    }
    int length = Math.min(aEnd - i, bEnd - j);
    for (int k = 0; k < length; k++) {
      char left = a.charAt(i + k);
      char right = b.charAt(j + k);
      if (scheme == VersionScheme.NUGET) {
        left = Character.toLowerCase(left);
        right = Character.toLowerCase(right);
      }
      if (left != right) {
        return left < right ? -1 : 1;
      }
    }
    return Integer.compare(aEnd - i, bEnd - j);
  }
}
