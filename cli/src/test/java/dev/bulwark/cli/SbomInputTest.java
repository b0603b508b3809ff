package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.vulndb.store.ArchiveLimits;
import dev.bulwark.vulndb.store.StoreImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SBOMs from elsewhere as {@code image scan} input: distributions, notes, bad files. */
class SbomInputTest {
  @TempDir Path directory;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(directory.resolve(name), content);
  }

  private Run scan(String reference, String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("image", "scan", reference));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  @Test
  void anAlmaLinuxSbomIsCheckedAgainstTheAlmaLinuxAdvisories() throws Exception {
    Path advisories = Files.createDirectories(directory.resolve("osv"));
    Files.copy(
        Conformance.path("osv-almalinux10/advisories/almalinux10/ALSA-2025:10073.json"),
        advisories.resolve("ALSA-2025:10073.json"));
    Path database = directory.resolve("db");
    new StoreImporter(
            database, ArchiveLimits.DEFAULT, StoreImporter.DEFAULT_LOCK_TIMEOUT, Clock.systemUTC())
        .importSources(List.of(new StoreImporter.ImportSource(advisories, "test")));
    Path sbom =
        file(
            "alma.cdx.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
              {"type": "operating-system", "name": "almalinux", "version": "10.0"},
              {"bom-ref": "firefox", "type": "library", "name": "firefox",
               "purl": "pkg:rpm/almalinux/firefox@128.11.0-1.el10_0?arch=x86_64"}]}
            """);

    Run run = scan(sbom.toString(), "-o", "json", "--db", database.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    assertThat(json.at("/packages/0/ecosystem").asText()).isEqualTo("AlmaLinux");
    assertThat(json.path("vulnerabilities"))
        .extracting(finding ->
            finding.path("id").asText()
                + " "
                + finding.path("fixedVersion").asText()
                + " "
                + finding.path("path").asText())
        .containsExactly("ALSA-2025:10073 128.12.0-1.el10_0 alma.cdx.json#firefox");
  }

  @Test
  void componentsThatCannotBeScannedAreNotesInTheJson() throws IOException {
    Path sbom =
        file(
            "notes.json",
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              {"bom-ref": "bin", "type": "library", "name": "x", "purl": "pkg:generic/x@1"}]}
            """);

    Run run = scan(sbom.toString(), "-o", "json", "--skip-db");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().path("packages")).isEmpty();
    assertThat(run.json().at("/notes/0/analyzer").asText()).isEqualTo("sbom");
    assertThat(run.json().at("/notes/0/path").asText()).isEqualTo("notes.json#bin");
    assertThat(scan(sbom.toString(), "--skip-db").out()).contains("1 note(s); -o json lists them");
  }

  @Test
  void aBrokenSbomExitsWithTwoAndSaysWhere() throws IOException {
    Path sbom = file("broken.json", "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n ]");

    Run run = scan(sbom.toString(), "--skip-db");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("bulwark: " + sbom + ":2:2: not valid JSON");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingSbomNamedWithThePrefixExitsWithTwo() {
    Run run = run("sbom", "sbom:" + directory.resolve("missing.json"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no such SBOM file");
  }
}
