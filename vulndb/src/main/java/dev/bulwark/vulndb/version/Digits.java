package dev.bulwark.vulndb.version;

/** Arithmetic on runs of ASCII digits of any length, without parsing them into numbers. */
final class Digits {
  private Digits() {}

  /** True for the ASCII digits; {@link Character#isDigit} would also accept other scripts. */
  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** True for the ASCII letters. */
  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** True when {@code text} is non-empty and only ASCII digits. */
  static boolean allDigits(String text, int start, int end) {
    if (start >= end) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares the numbers written in {@code a[aStart, aEnd)} and {@code b[bStart, bEnd)}, which hold
   * only ASCII digits (an empty run is zero). Leading zeros do not count, and the length of a run
   * is unlimited.
   */
  static int compare(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
    while (aStart < aEnd && a.charAt(aStart) == '0') {
      aStart++;
    }
    while (bStart < bEnd && b.charAt(bStart) == '0') {
      bStart++;
    }
    int lengths = Integer.compare(aEnd - aStart, bEnd - bStart);
    if (lengths != 0) {
      return lengths;
    }
    for (; aStart < aEnd; aStart++, bStart++) {
      int difference = a.charAt(aStart) - b.charAt(bStart);
      if (difference != 0) {
        return Integer.signum(difference);
      }
    }
    return 0;
  }

  /** Compares two whole digit strings as numbers. */
  static int compare(String a, String b) {
    return compare(a, 0, a.length(), b, 0, b.length());
  }

  /** True when the digit string is zero (empty, or only zeros). */
  static boolean isZero(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}
