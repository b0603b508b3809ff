package dev.bulwark.policy.cel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Gathers the matches and errors of one evaluate() call; errors are kept once each, in order. */
final class OutcomeCollector {
  private final List<CelMatch> matches = new ArrayList<>();
  private final Set<String> errors = new LinkedHashSet<>();

  void match(CelMatch match) {
    matches.add(match);
  }

  void error(String ruleName, String message) {
    errors.add(ruleName + ": " + message);
  }

  CelOutcome build() {
    if (matches.isEmpty() && errors.isEmpty()) {
      return CelOutcome.NONE;
    }
    return new CelOutcome(matches, List.copyOf(errors));
  }
}
