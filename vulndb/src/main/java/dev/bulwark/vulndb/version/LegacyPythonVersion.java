package dev.bulwark.vulndb.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The order Python's packaging library gave, before release 22, to strings that are not PEP 440
 * versions ({@code LegacyVersion}, setuptools' old scheme): all of them sort before every PEP 440
 * version, and among themselves by a key of zero-padded numbers and starred words. PyPI still holds
 * such releases (dates, {@code 0.3m1}, {@code 1.0-final}) and advisories name them.
 *
 * @param key the comparison key
 */
record LegacyPythonVersion(List<String> key) implements Comparable<LegacyPythonVersion> {
  LegacyPythonVersion {
    key = List.copyOf(key);
  }

  /** Builds the key of any string. */
  static LegacyPythonVersion of(String version) {
    String text = version.toLowerCase(Locale.ROOT);
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int start = i;
      char c = text.charAt(i);
      if (Digits.isDigit(c)) {
        while (i < text.length() && Digits.isDigit(text.charAt(i))) {
          i++;
        }
      } else if (c >= 'a' && c <= 'z') {
        while (i < text.length() && text.charAt(i) >= 'a' && text.charAt(i) <= 'z') {
          i++;
        }
      } else if (c == '.' || c == '-') {
        i++;
      } else {
        while (i < text.length() && !isComponentStart(text.charAt(i))) {
          i++;
        }
      }
      add(parts, text.substring(start, i));
    }
    add(parts, "*final");
    return new LegacyPythonVersion(parts);
  }

  private static boolean isComponentStart(char c) {
    return Digits.isDigit(c) || (c >= 'a' && c <= 'z') || c == '.' || c == '-';
  }

  private static void add(List<String> parts, String component) {
    String part =
        switch (component) {
          case "pre", "preview", "rc" -> "c";
          case "-" -> "final-";
          case "dev" -> "@";
          default -> component;
        };
    if (part.isEmpty() || part.equals(".")) {
      return;
    }
    if (part.equals("*final")) {
      trim(parts, part);
      parts.add(part);
      return;
    }
    if (Digits.isDigit(part.charAt(0))) {
      parts.add("0".repeat(Math.max(0, 8 - part.length())) + part);
      return;
    }
    String word = "*" + part;
    trim(parts, word);
    parts.add(word);
  }

  /** A pre-release word drops a hyphen before it; any word drops trailing zero numbers. */
  private static void trim(List<String> parts, String word) {
    if (word.compareTo("*final") < 0) {
      while (!parts.isEmpty() && parts.getLast().equals("*final-")) {
        parts.removeLast();
      }
    }
    while (!parts.isEmpty() && parts.getLast().equals("00000000")) {
      parts.removeLast();
    }
  }

  @Override
  public int compareTo(LegacyPythonVersion other) {
    int size = Math.min(key.size(), other.key.size());
    for (int i = 0; i < size; i++) {
      int result = key.get(i).compareTo(other.key.get(i));
      if (result != 0) {
        return Integer.signum(result);
      }
    }
    return Integer.compare(key.size(), other.key.size());
  }
}
