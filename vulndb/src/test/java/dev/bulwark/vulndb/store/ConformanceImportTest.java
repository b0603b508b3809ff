package dev.bulwark.vulndb.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vulndb.ConformanceData;
import dev.bulwark.vulndb.osv.Event;
import dev.bulwark.vulndb.osv.Range;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three real OSV datasets imported once, then counted and looked up. */
class ConformanceImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path store;

  private static Path alma;
  private static Path go;
  private static Path pypi;
  private static ImportReport report;

  @BeforeAll
  static void importAll() throws Exception {
    alma = ConformanceData.path("osv-almalinux10/advisories");
    go = ConformanceData.path("osv-go-vulndb/data");
    pypi = ConformanceData.path("osv-pypi-pypa/json");
    report =
        new StoreImporter(
                store, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
            .importSources(
                List.of(
                    new StoreImporter.ImportSource(alma, alma.toString()),
                    new StoreImporter.ImportSource(go, go.toString()),
                    new StoreImporter.ImportSource(pypi, pypi.toString())));
  }

  private static List<Path> jsonFiles(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(file -> file.toString().endsWith(".json")).toList();
    }
  }

  @Test
  void importsEveryRecordOnceCountedPerEcosystem() throws Exception {
    int almaFiles = jsonFiles(alma).size();
    int goFiles = jsonFiles(go).size();
    int pypiFiles = jsonFiles(pypi).size();
    assertThat(report.read()).isEqualTo(almaFiles + goFiles + pypiFiles);
    assertThat(report.added()).isEqualTo(report.read());
    assertThat(report.rejected()).isZero();
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      StoreStatus status = view.status();
      assertThat(status.records()).isEqualTo(almaFiles + goFiles + pypiFiles);
      assertThat(status.recordsPerEcosystem())
          .containsEntry("AlmaLinux:10", almaFiles)
          .containsEntry("Go", goFiles)
          .containsEntry("PyPI", pypiFiles);
      assertThat(status.sources()).hasSize(3);
      assertThat(status.sources())
          .extracting(SourceEntry::records)
          .containsExactlyInAnyOrder(almaFiles, goFiles, pypiFiles);
    }
  }

  @Test
  void flagsExactlyTheWithdrawnRecords() throws Exception {
    long withdrawn = 0;
    for (Path directory : List.of(alma, go, pypi)) {
      for (Path file : jsonFiles(directory)) {
        if (JSON.readTree(file.toFile()).hasNonNull("withdrawn")) {
          withdrawn++;
        }
      }
    }
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      assertThat(view.status().withdrawn()).isEqualTo(withdrawn).isPositive();
    }
  }

  @Test
  void warnsAboutTheSevenPypiRecordsThatBreakTheSchema() {
    assertThat(
            report.problems().stream()
                .filter(
                    problem -> !problem.rejected() && problem.message().endsWith("range ignored"))
                .map(problem -> Path.of(problem.source()).getFileName().toString())
                .distinct()
                .sorted())
        .containsExactly(
            "PYSEC-2017-27.json",
            "PYSEC-2019-155.json",
            "PYSEC-2021-371.json",
            "PYSEC-2021-424.json",
            "PYSEC-2021-425.json",
            "PYSEC-2021-436.json",
            "PYSEC-2023-80.json");
  }

  @Test
  void looksUpPypiPackagesByTheirNormalisedName() throws Exception {
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      List<AffectedPackage> entries = view.affected("PyPI", "Matrix_Synapse");
      assertThat(entries).isNotEmpty();
      assertThat(entries).allMatch(entry -> entry.packageId().name().equals("matrix-synapse"));
      AffectedPackage entry =
          entries.stream()
              .filter(candidate -> candidate.vulnerability().id().equals("PYSEC-2021-424"))
              .findFirst()
              .orElseThrow();
      assertThat(entry.ranges())
          .containsExactly(
              new Range(
                  "ECOSYSTEM",
                  null,
                  List.of(
                      new Event(Event.Kind.INTRODUCED, "0"),
                      new Event(Event.Kind.FIXED, "1.41.1"))));
      assertThat(entry.versions()).contains("0.33.5", "1.41.0");
    }
  }

  @Test
  void lookupReturnsAsManyEntriesAsTheFilesHold() throws Exception {
    int expected = 0;
    for (Path file : jsonFiles(go)) {
      for (JsonNode affected : JSON.readTree(file.toFile()).path("affected")) {
        if (affected.path("package").path("name").asText().equals("stdlib")) {
          expected++;
        }
      }
    }
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      assertThat(view.affected("Go", "stdlib")).hasSize(expected);
      assertThat(view.affected("Go", "STDLIB")).isEmpty();
    }
  }

  @Test
  void findsRecordsByIdAndAlias() throws Exception {
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      assertThat(view.find("GO-2024-3228"))
          .singleElement()
          .satisfies(summary -> {
            assertThat(summary.aliases()).containsExactly("GHSA-wcx9-ccpj-hx3c");
            assertThat(summary.summary()).startsWith("Coder vulnerable to post-auth URL");
          });
      assertThat(view.find("GHSA-wcx9-ccpj-hx3c"))
          .extracting(VulnerabilitySummary::id)
          .containsExactly("GO-2024-3228");
      assertThat(view.find("NOPE-1")).isEmpty();
    }
  }

  @Test
  void scoresTheCvssVectorsOfTheRecords() throws Exception {
    try (VulnerabilityStore view = VulnerabilityStore.open(store)) {
      long scored = 0;
      for (String id : view.ids()) {
        VulnerabilitySummary summary = view.find(id).getFirst();
        if (summary.cvss() != null) {
          scored++;
          assertThat(summary.cvss().baseScore()).isBetween(0.0, 10.0);
        }
      }
      long withVectors = 0;
      for (Path file : jsonFiles(pypi)) {
        if (JSON.readTree(file.toFile()).path("severity").size() > 0) {
          withVectors++;
        }
      }
      assertThat(scored).isEqualTo(withVectors).isPositive();
      assertThat(report.problems().stream().filter(problem -> problem.message().contains("CVSS")))
          .isEmpty();
    }
  }

  @Test
  void keepsTheDatabaseCompact() throws IOException {
    // The three datasets are 19 MB of JSON files; details, references and credits are not stored.
    assertThat(Files.size(StoreLocation.databaseFile(store))).isLessThan(12L << 20);
  }
}
