package dev.bulwark.vulndb.version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs files of {@code "<a> <op> <b>"} lines against a comparator, both ways round. */
final class ComparisonVectors {
  private ComparisonVectors() {}

  /** The outcome of one file: how many lines were checked and which disagreed. */
  record Outcome(int checked, List<String> failures) {
    Outcome {
      failures = List.copyOf(failures);
    }
  }

  /**
   * Checks every line of {@code file} except those in {@code expectedDifferences}, which must each
   * disagree (so the list cannot go stale).
   */
  static Outcome check(Path file, VersionComparator comparator, Set<String> expectedDifferences) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int checked = 0;
    List<String> failures = new ArrayList<>();
    for (int number = 1; number <= lines.size(); number++) {
      String line = lines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      String[] parts = line.split(" ");
      if (parts.length != 3) {
        failures.add(file.getFileName() + ":" + number + ": not '<a> <op> <b>': " + line);
        continue;
      }
      int expected = operator(parts[1]);
      String problem = problem(comparator, parts[0], parts[2], expected);
      boolean differenceExpected = expectedDifferences.contains(line);
      if (differenceExpected && problem == null) {
        failures.add(
            file.getFileName() + ":" + number + ": listed as a difference but agrees: " + line);
      } else if (!differenceExpected && problem != null) {
        failures.add(file.getFileName() + ":" + number + ": " + line + ": " + problem);
      }
      checked++;
    }
    return new Outcome(checked, failures);
  }

  private static @org.jspecify.annotations.Nullable String problem(
      VersionComparator comparator, String a, String b, int expected) {
    try {
      int forward = Integer.signum(comparator.compare(a, b));
      int backward = Integer.signum(comparator.compare(b, a));
      if (forward != expected || backward != -expected) {
        return "compare(a,b)=" + forward + ", compare(b,a)=" + backward;
      }
      return null;
    } catch (InvalidVersionException e) {
      return e.getMessage();
    }
  }

  static int operator(String symbol) {
    return switch (symbol) {
      case "<" -> -1;
      case "=" -> 0;
      case ">" -> 1;
      default -> throw new IllegalArgumentException("unknown operator " + symbol);
    };
  }
}
