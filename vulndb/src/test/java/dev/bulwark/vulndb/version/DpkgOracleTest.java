package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the DPKG comparator with {@code dpkg --compare-versions} itself, on versions of the
 * machine's package lists ({@code apt-cache dumpavail}): seeded random pairs of any two versions,
 * and pairs of versions built from the same source package, which differ only in details (binNMU
 * suffixes, epochs, revisions). dpkg runs in two shell loops, not once per JVM call.
 */
class DpkgOracleTest {
  private static final int RANDOM_PAIRS = 2_000;
  private static final int SAME_SOURCE_PAIRS = 1_000;
  private static final long SEED = 20_261_127L;

  private static final String LOOP =
      """
      while read -r a b; do
        if dpkg --compare-versions "$a" lt "$b"; then echo '<'
        elif dpkg --compare-versions "$a" eq "$b"; then echo '='
        else echo '>'
        fi
      done < "$1"
      """;

  private final VersionComparator dpkg = VersionComparators.of(VersionScheme.DPKG);

  @Test
  void agreesWithDpkgOnRealDebianVersions(@TempDir Path directory)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        onPath("dpkg") && onPath("apt-cache"), "dpkg and apt-cache are needed for the oracle");
    Map<String, TreeSet<String>> versionsBySource = availableVersions();
    List<String> all =
        versionsBySource.values().stream().flatMap(TreeSet::stream).distinct().toList();
    assertThat(all).hasSizeGreaterThan(1_000);

    Random random = new Random(SEED);
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < RANDOM_PAIRS; i++) {
      pairs.add(
          new String[] {all.get(random.nextInt(all.size())), all.get(random.nextInt(all.size()))});
    }
    List<List<String>> families =
        versionsBySource.values().stream().filter(set -> set.size() > 1).map(List::copyOf).toList();
    for (int i = 0; i < SAME_SOURCE_PAIRS && !families.isEmpty(); i++) {
      List<String> family = families.get(random.nextInt(families.size()));
      pairs.add(
          new String[] {
            family.get(random.nextInt(family.size())), family.get(random.nextInt(family.size()))
          });
    }

    List<String> verdicts = runDpkg(pairs, directory);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      String ours = symbol(dpkg.compare(pairs.get(i)[0], pairs.get(i)[1]));
      if (!ours.equals(verdicts.get(i))) {
        disagreements.add(
            pairs.get(i)[0]
                + " "
                + verdicts.get(i)
                + " "
                + pairs.get(i)[1]
                + " (ours "
                + ours
                + ")");
      }
    }
    System.out.printf(
        "dpkg oracle: %d pairs (%d random of %d versions, %d from the same source), %d"
            + " disagreements%n",
        pairs.size(), RANDOM_PAIRS, all.size(), pairs.size() - RANDOM_PAIRS, disagreements.size());
    assertThat(disagreements).isEmpty();
  }

  /** Versions by source package (a binary package without a Source field is its own source). */
  private static Map<String, TreeSet<String>> availableVersions()
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("apt-cache", "dumpavail")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Map<String, TreeSet<String>> bySource = new TreeMap<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String packageName = null;
      String source = null;
      String version = null;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("Package: ")) {
          packageName = line.substring(9).strip();
        } else if (line.startsWith("Source: ")) {
          String[] parts = line.substring(8).strip().split(" ");
          source = parts[0];
          if (parts.length > 1) {
            // "Source: name (version)" when the source version differs from the binary's.
            bySource
                .computeIfAbsent(source, key -> new TreeSet<>())
                .add(parts[1].replaceAll("[()]", ""));
          }
        } else if (line.startsWith("Version: ")) {
          version = line.substring(9).strip();
        } else if (line.isEmpty() && packageName != null && version != null) {
          bySource
              .computeIfAbsent(source == null ? packageName : source, key -> new TreeSet<>())
              .add(version);
          packageName = null;
          source = null;
          version = null;
        }
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return bySource;
  }

  /** dpkg's verdict on every pair, from two shell loops running side by side. */
  private static List<String> runDpkg(List<String[]> pairs, Path directory)
      throws IOException, InterruptedException {
    int half = pairs.size() / 2;
    List<List<String[]>> halves =
        List.of(pairs.subList(0, half), pairs.subList(half, pairs.size()));
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < halves.size(); i++) {
      Path file = directory.resolve("pairs-" + i + ".txt");
      Files.write(file, halves.get(i).stream().map(pair -> pair[0] + " " + pair[1]).toList());
      processes.add(
          new ProcessBuilder("sh", "-c", LOOP, "sh", file.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start());
    }
    List<String> verdicts = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      Process process = processes.get(i);
      List<String> lines =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .toList();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(lines).hasSameSizeAs(halves.get(i));
      verdicts.addAll(lines);
    }
    return verdicts;
  }

  private static String symbol(int comparison) {
    return comparison < 0 ? "<" : comparison == 0 ? "=" : ">";
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(directory, command))) {
        return true;
      }
    }
    return false;
  }
}
