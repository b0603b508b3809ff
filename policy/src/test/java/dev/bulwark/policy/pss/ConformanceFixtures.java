package dev.bulwark.policy.pss;

import dev.bulwark.policy.conformance.ConformanceFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PodSecurity admission plugin's fixtures from the shared conformance data ({@code
 * pod-security-admission/expected.tsv}: one row per fixture). Missing data fails on CI and skips
 * elsewhere, as for the other conformance suites.
 */
final class ConformanceFixtures {
  /** One row of expected.tsv; "-" columns are read as empty. */
  record Fixture(
      Path file,
      String path,
      String level,
      String version,
      boolean pass,
      String checkId,
      String expectedSubstring,
      boolean requiresApiError) {}

  private ConformanceFixtures() {}

  static List<Fixture> all() throws IOException {
    Path directory = directory();
    List<String> lines = Files.readAllLines(directory.resolve("expected.tsv"));
    List<Fixture> fixtures = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      fixtures.add(
          new Fixture(
              directory.resolve(columns[0]),
              columns[0],
              columns[1],
              columns[2],
              columns[3].equals("pass"),
              dash(columns[4]),
              dash(columns[5]),
              Boolean.parseBoolean(columns[6])));
    }
    return fixtures;
  }

  private static String dash(String column) {
    return column.equals("-") ? "" : column;
  }

  private static Path directory() {
    return ConformanceFolders.find("pod-security-admission");
  }
}
