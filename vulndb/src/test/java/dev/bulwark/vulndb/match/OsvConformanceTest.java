package dev.bulwark.vulndb.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.vulndb.ConformanceData;
import dev.bulwark.vulndb.osv.Affected;
import dev.bulwark.vulndb.osv.OsvReader;
import dev.bulwark.vulndb.osv.OsvRecord;
import dev.bulwark.vulndb.store.PackageNames;
import dev.bulwark.vulndb.version.VersionComparators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Affected decisions against the derived vectors of three real OSV datasets, and the PyPA
 * database's enumerated versions against range evaluation alone.
 */
class OsvConformanceTest {
  /**
   * Rows where Bulwark deliberately decides otherwise than the dataset (record, package, version).
   * The test fails when one of them starts agreeing, so the list never grows or shrinks silently.
   */
  private static final Map<String, Set<String>> DELIBERATE_DIFFERENCES =
      Map.of("osv-almalinux10", Set.of(), "osv-go-vulndb", Set.of(), "osv-pypi-pypa", Set.of());

  @ParameterizedTest
  @CsvSource({
    "osv-almalinux10, advisories",
    "osv-go-vulndb, data",
    "osv-pypi-pypa, json",
  })
  void derivedVectorsAgreeWithTheAffectedDecision(String dataset, String records) throws Exception {
    Map<String, OsvRecord> byId = read(ConformanceData.path(dataset + "/" + records));
    List<String> rows =
        Files.readAllLines(ConformanceData.path(dataset + "/derived-affected-vectors.tsv"));
    Set<String> disagreements = new TreeSet<>();
    int checked = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] columns = row.split("\t", -1);
      OsvRecord record = byId.get(columns[0]);
      if (record == null) {
        disagreements.add("no record for row " + row);
        continue;
      }
      boolean expected = "affected".equals(columns[4]);
      if (affected(record, columns[1], columns[2], columns[3]) != expected) {
        disagreements.add(columns[0] + " " + columns[2] + " " + columns[3]);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(rows.size() - 1).isPositive();
    assertThat(disagreements)
        .as("rows of %s decided otherwise than the dataset", dataset)
        .isEqualTo(expectedDifferences(dataset));
  }

  /**
   * Listed PyPA versions that the dataset's own range check put outside the ranges but Bulwark puts
   * inside: their entry starts with {@code introduced "0"}, which the OSV specification defines as
   * "every version", while the check compared against the version 0 and so left the pre-releases of
   * 0.0.0 out. Bulwark follows the specification, agreeing with the upstream list.
   */
  private static final Set<String> INSIDE_FROM_THE_BEGINNING = introducedZeroPreReleases();

  private static Set<String> introducedZeroPreReleases() {
    Set<String> rows = new TreeSet<>();
    List<String> entries =
        List.of(
            "PYSEC-2023-196 vantage6",
            "PYSEC-2023-198 vantage6-node",
            "PYSEC-2023-200 vantage6",
            "PYSEC-2023-201 vantage6",
            "PYSEC-2023-53 vantage6",
            "PYSEC-2023-54 vantage6",
            "PYSEC-2024-30 vantage6",
            "PYSEC-2024-31 vantage6",
            "PYSEC-2024-32 vantage6",
            "PYSEC-2024-33 vantage6-node",
            "PYSEC-2024-34 vantage6-server");
    for (String entry : entries) {
      for (String version : List.of("0.0.0b0", "0.0.0b1", "0.0.0b3")) {
        rows.add(entry + " " + version);
      }
    }
    return rows;
  }

  /**
   * Every version the PyPA database lists as affected, judged by the ranges alone (the listed
   * versions still match as listed when matching). Range evaluation must agree on all but the rows
   * the dataset documents (source {@code versions-list}): pre-releases listed below an {@code
   * introduced} release, a post-release, an entry with only a GIT range, and legacy versions PEP
   * 440 cannot read.
   */
  @Test
  void pypaListedVersionsAreInsideTheRangesExceptTheDocumentedOnes() throws Exception {
    Map<String, OsvRecord> byId = read(ConformanceData.path("osv-pypi-pypa/json"));
    int agreeing = 0;
    Set<String> outside = new TreeSet<>();
    Set<String> unreadable = new TreeSet<>();
    for (OsvRecord record : byId.values()) {
      for (Affected entry : record.affected()) {
        AffectedVersions ranges =
            AffectedVersions.of(
                entry.ranges(),
                List.of(),
                VersionComparators.forOsvEcosystem(entry.packageId().ecosystem()).orElse(null));
        for (String version : entry.versions()) {
          String row = record.id() + " " + entry.packageId().name() + " " + version;
          switch (ranges.decide(version).status()) {
            case AFFECTED -> agreeing++;
            case NOT_AFFECTED -> outside.add(row);
            case UNEVALUATED -> unreadable.add(row);
          }
        }
      }
    }
    Set<String> documentedOutside = new TreeSet<>();
    Set<String> documentedUnreadable = new TreeSet<>();
    for (String row :
        Files.readAllLines(ConformanceData.path("osv-pypi-pypa/derived-affected-vectors.tsv"))) {
      String[] columns = row.split("\t", -1);
      if (columns.length > 6 && "versions-list".equals(columns[5])) {
        String key = columns[0] + " " + columns[2] + " " + columns[3];
        ("unparseable".equals(columns[6]) ? documentedUnreadable : documentedOutside).add(key);
      }
    }
    documentedOutside.removeAll(INSIDE_FROM_THE_BEGINNING);
    assertThat(unreadable).isEqualTo(documentedUnreadable).hasSize(108);
    assertThat(outside).isEqualTo(documentedOutside).hasSize(10);
    assertThat(agreeing).isEqualTo(140_729);
  }

  private static Set<String> expectedDifferences(String dataset) {
    return new TreeSet<>(DELIBERATE_DIFFERENCES.get(dataset));
  }

  private static boolean affected(OsvRecord record, String ecosystem, String name, String version) {
    if (record.isWithdrawn()) {
      return false;
    }
    String key = PackageNames.normalise(ecosystem, name);
    for (Affected entry : record.affected()) {
      if (entry.packageId().ecosystem().equals(ecosystem)
          && PackageNames.normalise(ecosystem, entry.packageId().name()).equals(key)
          && AffectedVersions.of(
                  entry.ranges(),
                  entry.versions(),
                  VersionComparators.forOsvEcosystem(ecosystem).orElse(null))
              .decide(version)
              .affected()) {
        return true;
      }
    }
    return false;
  }

  static Map<String, OsvRecord> read(Path directory) throws Exception {
    OsvReader reader = new OsvReader();
    Map<String, OsvRecord> byId = new HashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = walk.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    }
    for (Path file : files) {
      OsvRecord record = reader.read(file.toString(), Files.readAllBytes(file)).record();
      byId.put(record.id(), record);
    }
    return byId;
  }
}
