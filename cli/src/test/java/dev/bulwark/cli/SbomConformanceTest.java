package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.sbom.SbomException;
import dev.bulwark.scanner.sbom.SbomLimits;
import dev.bulwark.scanner.sbom.SbomReader;
import dev.bulwark.scanner.scan.ImageScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SBOM reader on the specifications' own samples: every valid CycloneDX 1.6 and 1.7 sample
 * reads, every invalid one reads or fails with an {@link SbomException} (never another exception),
 * and the SPDX 2.3 example gives its one package with a Package URL.
 */
class SbomConformanceTest {
  private static final SbomReader READER = new SbomReader(SbomLimits.DEFAULTS);

  private static ImageScan read(Path file) throws SbomException {
    return READER.read(file, file.toString(), Platform.DEFAULT, Instant.EPOCH);
  }

  private static List<Path> samples(String version) throws IOException {
    Path folder = Conformance.path("output-schemas/cyclonedx/test-resources/" + version);
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.6", "1.7"})
  void everyValidCycloneDxSampleReads(String version) throws Exception {
    List<Path> valid =
        samples(version).stream()
            .filter(file -> file.getFileName().toString().startsWith("valid-"))
            .toList();
    assertThat(valid).hasSizeGreaterThan(30);
    int packages = 0;
    for (Path file : valid) {
      ImageScan scan = read(file);
      packages += scan.packages().size();
      assertThat(scan.packages())
          .allSatisfy(
              found -> assertThat(found.found().path()).startsWith(file.getFileName() + "#"));
    }
    // The samples name a few Maven, npm and other packages by Package URL.
    assertThat(packages).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.6", "1.7"})
  void invalidCycloneDxSamplesReadOrFailCleanly(String version) throws IOException {
    for (Path file : samples(version)) {
      if (file.getFileName().toString().startsWith("invalid-")) {
        try {
          read(file);
        } catch (SbomException e) {
          assertThat(e.getMessage()).contains(file.toString());
        }
      }
    }
  }

  @Test
  void theSpdxExampleGivesItsMavenPackageAndNotesTheOthers() throws SbomException {
    ImageScan scan = read(Conformance.path("output-schemas/spdx/SPDXJSONExample-v2.3.spdx.json"));

    assertThat(scan.packages())
        .extracting(found -> found.found().name() + " " + found.found().version())
        .containsExactly("org.apache.jena:apache-jena 3.12.0");
    assertThat(scan.notes())
        .extracting(Note::path)
        .containsExactly(
            "SPDXJSONExample-v2.3.spdx.json#SPDXRef-fromDoap-1",
            "SPDXJSONExample-v2.3.spdx.json#SPDXRef-Saxon",
            "SPDXJSONExample-v2.3.spdx.json");
    assertThat(scan.notes().getLast().reason())
        .isEqualTo(
            "1 component(s) of type source have no Package URL and are not packages: not"
                + " scanned");
  }
}
