package dev.bulwark.vulndb.version;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A PyPI version parsed and normalised by PEP 440: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN]
 * [+local]}, accepting the spellings PEP 440 allows (case, a leading {@code v}, {@code -_.}
 * separators, {@code alpha}/{@code beta}/{@code c}/{@code pre}/{@code preview}, {@code r}/{@code
 * rev}, implicit numbers, {@code 1.0-1} as a post-release). Numbers are kept as digit strings
 * without leading zeros, so their size is unlimited. Immutable and thread-safe.
 *
 * @param epoch the epoch, {@code "0"} when absent
 * @param release the release numbers
 * @param preKind 0 for a, 1 for b, 2 for rc, -1 without a pre-release
 * @param preNumber the pre-release number, or null
 * @param post the post-release number, or null
 * @param dev the development release number, or null
 * @param local the local version's segments in lower case, empty without one
 */
record Pep440Version(
    String epoch,
    List<String> release,
    int preKind,
    @Nullable String preNumber,
    @Nullable String post,
    @Nullable String dev,
    List<String> local)
    implements Comparable<Pep440Version> {

  /** Python strips any Unicode white space around a version, not only ASCII white space. */
  private static final String WHITE_SPACE = "\\p{IsWhite_Space}*";

  private static final Pattern SYNTAX =
      Pattern.compile(
          WHITE_SPACE
              + "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?:[-_.]?(?<pre>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<preNumber>[0-9]+)?)?"
              + "(?:-(?<implicitPost>[0-9]+)|[-_.]?(?<postMarker>post|rev|r)[-_.]?(?<post>[0-9]+)?)?"
              + "(?:[-_.]?(?<devMarker>dev)[-_.]?(?<dev>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
              + WHITE_SPACE,
          Pattern.CASE_INSENSITIVE);

  private static final List<String> PRE_KINDS = List.of("a", "b", "rc");

  Pep440Version {
    release = List.copyOf(release);
    local = List.copyOf(local);
  }

  /**
   * Parses {@code version}.
   *
   * @throws InvalidVersionException when it is not a PEP 440 version
   */
  static Pep440Version parse(String version) {
    Matcher matcher = SYNTAX.matcher(version);
    if (!matcher.matches()) {
      throw new InvalidVersionException(
          VersionScheme.PEP440, version, "it does not follow PEP 440's version scheme");
    }
    String preText = matcher.group("pre");
    int preKind = preText == null ? -1 : preKind(preText.toLowerCase(Locale.ROOT));
    String post = matcher.group("implicitPost");
    if (post == null) {
      post = matcher.group("post");
      if (post == null && matcher.group("postMarker") != null) {
        post = "0";
      }
    }
    String dev = matcher.group("dev");
    if (dev == null && matcher.group("devMarker") != null) {
      dev = "0";
    }
    String localText = matcher.group("local");
    return new Pep440Version(
        number(matcher.group("epoch")),
        List.of(matcher.group("release").split("\\.")).stream().map(Pep440Version::number).toList(),
        preKind,
        preKind < 0 ? null : number(matcher.group("preNumber")),
        post == null ? null : number(post),
        dev == null ? null : number(dev),
        localText == null
            ? List.of()
            : List.of(localText.toLowerCase(Locale.ROOT).split("[-_.]")).stream()
                .map(segment ->
                    Digits.allDigits(segment, 0, segment.length()) ? number(segment) : segment)
                .toList());
  }

  private static int preKind(String spelling) {
    return switch (spelling) {
      case "a", "alpha" -> 0;
      case "b", "beta" -> 1;
      default -> 2;
    };
  }

  private static String number(@Nullable String digits) {
    if (digits == null) {
      return "0";
    }
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  /** True for pre-releases and development releases. */
  boolean isPrerelease() {
    return preKind >= 0 || dev != null;
  }

  /** The normalised form, such as {@code 1!2.0rc1.post2.dev3+ubuntu.1}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (!epoch.equals("0")) {
      text.append(epoch).append('!');
    }
    text.append(String.join(".", release));
    if (preKind >= 0) {
      text.append(PRE_KINDS.get(preKind)).append(preNumber);
    }
    if (post != null) {
      text.append(".post").append(post);
    }
    if (dev != null) {
      text.append(".dev").append(dev);
    }
    if (!local.isEmpty()) {
      text.append('+').append(String.join(".", local));
    }
    return text.toString();
  }

  @Override
  public int compareTo(Pep440Version other) {
    int result = Digits.compare(epoch, other.epoch);
    if (result == 0) {
      result = compareRelease(release, other.release);
    }
    if (result == 0) {
      result = Integer.compare(preRank(), other.preRank());
    }
    if (result == 0 && preKind >= 0) {
      result = Digits.compare(nonNull(preNumber), nonNull(other.preNumber));
    }
    if (result == 0) {
      result = compareOptional(post, other.post, -1);
    }
    if (result == 0) {
      result = compareOptional(dev, other.dev, 1);
    }
    if (result == 0) {
      result = compareLocal(local, other.local);
    }
    return result;
  }

  /** A development release without a pre- or post-release sorts before every pre-release. */
  private int preRank() {
    if (preKind < 0 && post == null && dev != null) {
      return -2;
    }
    return preKind < 0 ? 3 : preKind;
  }

  private static String nonNull(@Nullable String number) {
    return number == null ? "0" : number;
  }

  /** An absent number sorts {@code absent} (-1 first, 1 last) relative to any present one. */
  private static int compareOptional(@Nullable String left, @Nullable String right, int absent) {
    if (left == null || right == null) {
      return left == right ? 0 : (left == null ? absent : -absent);
    }
    return Digits.compare(left, right);
  }

  private static int compareRelease(List<String> left, List<String> right) {
    int size = Math.max(left.size(), right.size());
    for (int i = 0; i < size; i++) {
      int result =
          Digits.compare(
              i < left.size() ? left.get(i) : "0", i < right.size() ? right.get(i) : "0");
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  /** Numeric segments sort after alphanumeric ones; more segments win when the rest agree. */
  private static int compareLocal(List<String> left, List<String> right) {
    int size = Math.min(left.size(), right.size());
    for (int i = 0; i < size; i++) {
      String a = left.get(i);
      String b = right.get(i);
      boolean aNumeric = Digits.allDigits(a, 0, a.length());
      boolean bNumeric = Digits.allDigits(b, 0, b.length());
      int result;
      if (aNumeric && bNumeric) {
        result = Digits.compare(a, b);
      } else if (aNumeric || bNumeric) {
        result = aNumeric ? 1 : -1;
      } else {
        result = Integer.signum(a.compareTo(b));
      }
      if (result != 0) {
        return result;
      }
    }
    return Integer.compare(left.size(), right.size());
  }
}
