package dev.bulwark.policy.cel;

import java.util.List;

/**
 * What the CEL rules of one policy say about one object. {@code errors} lists rules that failed at
 * evaluation time (e.g. a missing key without {@code has()}), each as "rule name: message"; such a
 * rule neither matches nor passes.
 */
public record CelOutcome(List<CelMatch> matches, List<String> errors) {
  public static final CelOutcome NONE = new CelOutcome(List.of(), List.of());

  public CelOutcome {
    matches = List.copyOf(matches);
    errors = List.copyOf(errors);
  }
}
