package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.testsupport.image.TestImage;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark image scan} with the vulnerability database, end to end: an OCI layout holding a
 * Python distribution of {@code ansible-core 2.16.1}, which PyPA's PYSEC-2024-36 (CVE-2024-0690,
 * CVSS 3.1 score 5.5, fixed in 2.16.3) affects, scanned against a store imported from that record.
 */
class ImageScanVulnerabilitiesTest {
  @TempDir Path directory;

  private String reference = "";
  private Path database;

  @BeforeEach
  void buildImageAndDatabase() throws Exception {
    reference =
        TestImage.builder()
            .layer(
                TestImage.layer()
                    .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                    .file(
                        "usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: ansible-core\nVersion: 2.16.1\n\n"))
            .writeLayout(directory.resolve("layout"), "app");
    database = directory.resolve("db");
    Path records = Conformance.path("osv-pypi-pypa/json/ansible-core");
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(records, records.toString())));
  }

  private Run scan(String... options) {
    List<String> args = new ArrayList<>(List.of("image", "scan", reference));
    args.addAll(List.of(options));
    args.addAll(List.of("--cache-dir", directory.resolve("cache").toString()));
    return run(args.toArray(String[]::new));
  }

  @Test
  void jsonListsTheVulnerabilityWithItsFixAndWhereThePackageIs() throws IOException {
    Run run = scan("-o", "json", "--db", database.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.path("vulnerabilityDatabase").path("directory").asText())
        .isEqualTo(database.toAbsolutePath().toString());
    JsonNode vulnerabilities = json.path("vulnerabilities");
    assertThat(vulnerabilities).hasSize(1);
    JsonNode finding = vulnerabilities.get(0);
    assertThat(finding.path("id").asText()).isEqualTo("PYSEC-2024-36");
    assertThat(finding.path("aliases")).extracting(JsonNode::asText).contains("CVE-2024-0690");
    assertThat(finding.path("package").asText()).isEqualTo("ansible-core");
    assertThat(finding.path("ecosystem").asText()).isEqualTo("PyPI");
    assertThat(finding.path("installedVersion").asText()).isEqualTo("2.16.1");
    assertThat(finding.path("fixedVersion").asText()).isEqualTo("2.16.3");
    assertThat(finding.path("severity").asText()).isEqualTo("MEDIUM");
    assertThat(finding.path("cvssScore").asDouble()).isEqualTo(5.5);
    assertThat(finding.path("cvssVector").asText()).startsWith("CVSS:3.1/AV:L");
    assertThat(finding.path("layer").asText())
        .isEqualTo(json.path("layers").get(0).path("digest").asText());
    assertThat(finding.path("path").asText())
        .isEqualTo("usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA");
  }

  @Test
  void tableHasAVulnerabilitySection() throws IOException {
    Run run = scan("--db", database.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("1 vulnerability")
        .containsPattern("ID +SEVERITY +PACKAGE +INSTALLED +FIXED +PATH")
        .containsPattern("PYSEC-2024-36 +MEDIUM +ansible-core +2\\.16\\.1 +2\\.16\\.3 ");
  }

  @Test
  void failOnExitsWithOneAtOrAboveTheSeverityAndZeroBelow() throws IOException {
    Run medium = scan("--db", database.toString(), "--fail-on", "medium");
    assertThat(medium.exitCode()).isEqualTo(1);
    assertThat(medium.err()).contains("1 vulnerability is at or above MEDIUM");

    assertThat(scan("--db", database.toString(), "--fail-on", "HIGH").exitCode()).isZero();
  }

  @Test
  void severityFiltersWhatIsShownAndWhatFails() throws IOException {
    Run run =
        scan(
            "-o",
            "json",
            "--db",
            database.toString(),
            "--severity",
            "HIGH,CRITICAL",
            "--fail-on",
            "LOW");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().path("vulnerabilities")).isEmpty();
  }

  @Test
  void aMissingDatabaseWarnsAndTheJsonSaysNothingWasChecked() throws IOException {
    Path missing = directory.resolve("no-db");
    Run run = scan("-o", "json", "--db", missing.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("warning", missing.toString(), "NOT checked", "bulwark db import");
    assertThat(run.json().path("vulnerabilityDatabase").isNull()).isTrue();
    assertThat(run.json().path("vulnerabilities")).isEmpty();
  }

  @Test
  void failOnWithoutADatabaseExitsWithTwo() throws IOException {
    Run run = scan("--db", directory.resolve("no-db").toString(), "--fail-on", "LOW");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("NOT checked", "--fail-on LOW cannot be decided");
  }

  @Test
  void skipDatabaseIsQuietButCannotBeCombinedWithFailOn() throws IOException {
    Run skipped = scan("-o", "json", "--skip-db");
    assertThat(skipped.exitCode()).isZero();
    assertThat(skipped.err()).isEmpty();
    assertThat(skipped.json().path("vulnerabilityDatabase").isNull()).isTrue();

    Run both = scan("--skip-db", "--fail-on", "HIGH");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--fail-on needs the vulnerability database");
  }

  @Test
  void anUnknownSeverityIsAUsageError() throws IOException {
    Run run = scan("--db", database.toString(), "--severity", "LOW,SEVERE");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--severity: unknown severity \"SEVERE\"");
  }
}
