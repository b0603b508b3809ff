package dev.bulwark.vulndb.version;

/**
 * Alpine version ordering as apk-tools defines it (Gentoo-style versions): {@code
 * digits{.digits}...{letter}{_suffix{number}}...{-rN}}. Numbers compare numerically, except that a
 * dot-component with leading zeros compares as a fraction (so {@code 1.01 < 1.1}); the pre-release
 * suffixes {@code _alpha < _beta < _pre < _rc} sort before the release and the post-release
 * suffixes {@code _cvs < _svn < _git < _hg < _p} after it; {@code -rN} is the package revision.
 * When two versions agree on their common tokens, the longer one is newer unless its next token is
 * a pre-release suffix.
 *
 * <p>A string that does not follow the grammar is invalid for {@link #isValid}; {@link #compare}
 * still orders it, because advisories and installed databases do contain such versions: the tokens
 * before the first bad character count, a version that breaks the grammar sorts before one that
 * continues validly or ends at the same place, two malformed revisions (anything after the first
 * hyphen but {@code rN}) are equal, and two that break the grammar elsewhere at the same token are
 * ordered by the rest of their text.
 */
final class ApkComparator implements VersionComparator {
  static final ApkComparator INSTANCE = new ApkComparator();

  // Token kinds in apk's order; the order matters when one version ends before the other. An
  // invalid token ranks above the end, so a version that turns invalid sorts before one that
  // ends or continues validly at the same place (as apk-tools 3 orders them).
  private static final int DIGIT_OR_ZERO = 0;
  private static final int DIGIT = 1;
  private static final int LETTER = 2;
  private static final int SUFFIX = 3;
  private static final int SUFFIX_NUMBER = 4;
  private static final int REVISION_NUMBER = 5;
  private static final int END = 6;
  private static final int INVALID = 7;

  private static final String[] PRE_RELEASE = {"alpha", "beta", "pre", "rc"};
  private static final String[] POST_RELEASE = {"cvs", "svn", "git", "hg", "p"};

  private ApkComparator() {}

  @Override
  public VersionScheme scheme() {
    return VersionScheme.APK;
  }

  @Override
  public int compare(String left, String right) {
    requireNonEmpty(left);
    requireNonEmpty(right);
    Tokens a = new Tokens(left);
    Tokens b = new Tokens(right);
    long leftValue = 0;
    long rightValue = 0;
    while (a.type == b.type && a.type != END && a.type != INVALID && leftValue == rightValue) {
      leftValue = a.next();
      rightValue = b.next();
    }
    if (leftValue != rightValue) {
      return leftValue < rightValue ? -1 : 1;
    }
    if (a.type == INVALID && b.type == INVALID) {
      // Both break the grammar at the same token. Two malformed revisions are equal; otherwise
      // the rest decides, character by character.
      if (left.charAt(a.invalidAt) == '-' && right.charAt(b.invalidAt) == '-') {
        return 0;
      }
      return Integer.signum(left.substring(a.invalidAt).compareTo(right.substring(b.invalidAt)));
    }
    if (a.type == b.type) {
      return 0;
    }
    if (a.type == SUFFIX && a.peekSuffix() < 0) {
      return -1;
    }
    if (b.type == SUFFIX && b.peekSuffix() < 0) {
      return 1;
    }
    return a.type > b.type ? -1 : 1;
  }

  @Override
  public boolean isValid(String version) {
    if (version.isEmpty()) {
      return false;
    }
    Tokens tokens = new Tokens(version);
    while (tokens.type != END && tokens.type != INVALID) {
      tokens.next();
    }
    return tokens.type == END;
  }

  private static void requireNonEmpty(String version) {
    if (version.isEmpty()) {
      throw new InvalidVersionException(VersionScheme.APK, version, "the version is empty");
    }
  }

  /** A cursor over the tokens of one version; {@code type} is the kind of the next token. */
  private static final class Tokens {
    private final String text;
    private int position;
    int type = DIGIT;

    /** Where the text stops following the grammar, once {@code type} is {@code INVALID}. */
    int invalidAt = -1;

    Tokens(String text) {
      this.text = text;
    }

    /** Reads the next token's value and moves to the token after it. */
    long next() {
      if (position >= text.length()) {
        type = END;
        return 0;
      }
      long value = 0;
      int following = INVALID;
      int start = position;
      switch (type) {
        case DIGIT_OR_ZERO:
          if (text.charAt(position) == '0') {
            // Leading zeros make the component compare as a fraction: 1.01 < 1.1.
            while (position < text.length() && text.charAt(position) == '0') {
              position++;
            }
            if (position < text.length()
                && (Digits.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
              // The digits after the zeros (none before a dot) are the next token, a number, so
              // 1.0.1 < 1.06; before a suffix or the end there is no such token, so 1.0_rc1 < 1.0.
              following = DIGIT;
            }
            value = -(position - start);
            break;
          }
          value = number();
          break;
        case DIGIT, SUFFIX_NUMBER, REVISION_NUMBER:
          value = number();
          break;
        case LETTER:
          value = text.charAt(position++);
          break;
        case SUFFIX:
          value = suffix();
          if (value == Long.MIN_VALUE) {
            type = INVALID;
            invalidAt = position;
            return -1;
          }
          break;
        default:
          type = INVALID;
          invalidAt = position;
          return -1;
      }
      if (position >= text.length()) {
        type = END;
      } else if (following != INVALID) {
        type = following;
      } else {
        advanceType();
      }
      return value;
    }

    /** The value of the suffix at the cursor without moving. */
    long peekSuffix() {
      int saved = position;
      long value = suffix();
      position = saved;
      return value == Long.MIN_VALUE ? -1 : value;
    }

    private long number() {
      long value = 0;
      while (position < text.length() && Digits.isDigit(text.charAt(position))) {
        // Saturate rather than overflow: such numbers are not real versions.
        value = value > Long.MAX_VALUE / 20 ? value : value * 10 + (text.charAt(position) - '0');
        position++;
      }
      return value;
    }

    /** Pre-release suffixes are negative, post-release ones non-negative; MIN_VALUE if unknown. */
    private long suffix() {
      for (int i = 0; i < PRE_RELEASE.length; i++) {
        if (text.startsWith(PRE_RELEASE[i], position)) {
          position += PRE_RELEASE[i].length();
          return i - PRE_RELEASE.length;
        }
      }
      for (int i = 0; i < POST_RELEASE.length; i++) {
        if (text.startsWith(POST_RELEASE[i], position)) {
          position += POST_RELEASE[i].length();
          return i;
        }
      }
      return Long.MIN_VALUE;
    }

    /** True when the text from {@code start} to the end is {@code r} and a number, maybe empty. */
    private boolean isRevision(int start) {
      return start < text.length()
          && text.charAt(start) == 'r'
          && (start + 1 == text.length() || Digits.allDigits(text, start + 1, text.length()));
    }

    /** Classifies the separator or character at the cursor as the kind of the next token. */
    private void advanceType() {
      int start = position;
      char c = text.charAt(position);
      int kind = INVALID;
      if ((type == DIGIT || type == DIGIT_OR_ZERO) && c >= 'a' && c <= 'z') {
        kind = LETTER;
      } else if (type == LETTER && Digits.isDigit(c)) {
        kind = DIGIT;
      } else if (type == SUFFIX && Digits.isDigit(c)) {
        kind = SUFFIX_NUMBER;
      } else {
        if (c == '.') {
          // apk-tools 3 wants a number after every dot.
          kind =
              position + 1 < text.length() && Digits.isDigit(text.charAt(position + 1))
                  ? DIGIT_OR_ZERO
                  : INVALID;
        } else if (c == '_') {
          kind = SUFFIX;
        } else if (c == '-' && isRevision(position + 1)) {
          kind = REVISION_NUMBER;
          position++;
        }
        position++;
      }
      if (kind < type
          && !((kind == DIGIT_OR_ZERO && type == DIGIT)
              || (kind == SUFFIX && type == SUFFIX_NUMBER)
              || (kind == DIGIT && type == LETTER))) {
        kind = INVALID;
      }
      if (kind == INVALID) {
        invalidAt = start;
      }
      type = kind;
    }
  }
}
