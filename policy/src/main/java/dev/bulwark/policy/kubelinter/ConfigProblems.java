package dev.bulwark.policy.kubelinter;

import dev.bulwark.core.manifest.Position;
import dev.bulwark.policy.io.InvalidPolicyException.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems of one configuration file, reported in the order of the file. */
final class ConfigProblems {
  private record Located(Position position, Problem problem) {}

  private final String origin;
  private final List<Located> problems = new ArrayList<>();

  ConfigProblems(String origin) {
    this.origin = origin;
  }

  void add(Position position, String field, String reason) {
    String where =
        position.isKnown() ? origin + ":" + position.line() + ":" + position.column() : origin;
    problems.add(new Located(position, new Problem(where, "", field, reason)));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<Problem> sorted() {
    return problems.stream()
        .sorted(Comparator.comparing(Located::position))
        .map(Located::problem)
        .toList();
  }
}
