package dev.bulwark.core.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds the known name a misspelt one was most likely meant to be, for "did you mean" hints.
 * Stateless and thread-safe.
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code name}: one that differs only in case, else one a typo away or
   * the closest in length that contains it (or is contained in it), else the one within a few
   * edits; empty when nothing is close enough to be a useful hint.
   */
  public static Optional<String> closest(String name, Collection<String> candidates) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    @Nullable String best = null;
    int bestScore = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int score = score(wanted, candidate.toLowerCase(Locale.ROOT));
      if (score < bestScore
          || (score == bestScore && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestScore = score;
      }
    }
    return bestScore == Integer.MAX_VALUE ? Optional.empty() : Optional.ofNullable(best);
  }

  /** Lower is closer; {@link Integer#MAX_VALUE} means too far to suggest. */
  private static int score(String wanted, String candidate) {
    if (wanted.equals(candidate)) {
      return 0;
    }
    int distance = editDistance(wanted, candidate);
    // A typo (a letter or two off) is as close as a containing name of similar length, so that
    // "imagePullPolice" suggests imagePullPolicy rather than image.
    if (distance <= (wanted.length() <= 4 ? 1 : 2)) {
      return 1_000 + distance;
    }
    if (wanted.length() >= 3 && (candidate.contains(wanted) || wanted.contains(candidate))) {
      return 1_000 + Math.abs(candidate.length() - wanted.length());
    }
    int allowed = wanted.length() <= 4 ? 2 : Math.max(3, wanted.length() / 3);
    return distance <= allowed ? 10_000 + distance : Integer.MAX_VALUE;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
