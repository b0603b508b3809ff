package dev.bulwark.policy.pss;

import java.util.Locale;

/** A Pod Security Standards level, from the most permissive to the most restrictive. */
public enum Level {
  /** Unrestricted: every pod is allowed. */
  PRIVILEGED,
  /** Prevents known privilege escalations while allowing the default pod configuration. */
  BASELINE,
  /** Follows current pod hardening practice, at some cost in compatibility. */
  RESTRICTED;

  /** The name used in labels and on the command line: {@code baseline}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The level named {@code text} ({@code privileged}, {@code baseline} or {@code restricted},
   * exactly as in namespace labels).
   *
   * @throws IllegalArgumentException with a message naming the valid levels
   */
  public static Level parse(String text) {
    for (Level level : values()) {
      if (level.label().equals(text)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "unknown Pod Security level \"" + text + "\": use privileged, baseline or restricted");
  }

  @Override
  public String toString() {
    return label();
  }
}
