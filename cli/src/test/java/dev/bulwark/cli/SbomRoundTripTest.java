package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An SBOM bulwark writes, scanned again, gives the packages and the vulnerabilities of the image
 * itself: {@code bulwark sbom IMAGE -o FORMAT > F}, then {@code bulwark image scan F}. Only where
 * each package is found changes: a pointer into the SBOM instead of the layer and path.
 */
class SbomRoundTripTest {
  @TempDir static Path directory;
  private static VulnerableImage image;
  private static JsonNode direct;

  @BeforeAll
  static void scanTheImage() throws Exception {
    image = VulnerableImage.create(directory);
    Run run = image.scan("-o", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    direct = run.json();
  }

  private static List<String> packages(JsonNode scan) {
    return StreamSupport.stream(scan.path("packages").spliterator(), false)
        .map(item ->
            String.join(
                " ",
                item.path("name").asText(),
                item.path("version").asText(),
                item.path("ecosystem").asText(),
                item.path("purl").asText(),
                item.path("sourceName").asText(),
                item.path("sourceVersion").asText()))
        .toList();
  }

  private static List<String> vulnerabilities(JsonNode scan) {
    return StreamSupport.stream(scan.path("vulnerabilities").spliterator(), false)
        .map(finding ->
            String.join(
                " ",
                finding.path("id").asText(),
                finding.path("package").asText(),
                finding.path("installedVersion").asText(),
                finding.path("fixedVersion").asText(),
                finding.path("severity").asText()))
        .toList();
  }

  private static Path write(String name, Run run) throws IOException {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return Files.writeString(directory.resolve(name), run.out());
  }

  private static void assertSameAsTheImage(JsonNode fromSbom, String fileName) {
    assertThat(fromSbom.path("os")).isEqualTo(direct.path("os"));
    assertThat(packages(fromSbom)).isEqualTo(packages(direct)).hasSize(4);
    assertThat(vulnerabilities(fromSbom)).isEqualTo(vulnerabilities(direct)).hasSize(3);
    assertThat(fromSbom.path("layers")).isEmpty();
    assertThat(fromSbom.path("packages"))
        .allSatisfy(item -> assertThat(item.path("path").asText()).startsWith(fileName + "#"));
    assertThat(fromSbom.path("notes")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"cyclonedx, bom.cdx.json", "spdx, bom.spdx.json"})
  void theSbomCommandsOutputScansLikeTheImage(String format, String fileName) throws IOException {
    Path sbom = write(fileName, image.sbom(format));

    Run run = image.scan(sbom.toString(), image.database(), "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertSameAsTheImage(run.json(), fileName);
  }

  @ParameterizedTest
  @CsvSource({"cyclonedx, scan.cdx.json", "spdx, scan.spdx.json"})
  void anImageScansSbomWithVulnerabilitiesScansLikeTheImage(String format, String fileName)
      throws IOException {
    Path sbom = write(fileName, image.scan("-o", format));

    Run run = image.scan("sbom:" + sbom, image.database(), "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertSameAsTheImage(run.json(), fileName);
  }

  @Test
  void theTableOfAnSbomScanSaysThePackagesComeFromTheSbom() throws IOException {
    Path sbom = write("table.cdx.json", image.sbom("cyclonedx"));

    Run run = image.scan(sbom.toString(), image.database());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow())
        .isEqualTo(sbom + ": Debian GNU/Linux 12 (bookworm), 4 packages listed in the SBOM");
    assertThat(run.out())
        .containsPattern(
            "TEST-ZLIB +CRITICAL +zlib1g +1:1\\.2\\.13\\.dfsg-1 +1:1\\.3\\.dfsg-1"
                + " +table\\.cdx\\.json#package-4");
  }

  @Test
  void anSbomConvertsToTheOtherFormat() throws IOException {
    Path spdx = write("convert.spdx.json", image.sbom("spdx"));

    Run run = run("sbom", spdx.toString(), "-o", "cyclonedx");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(OutputSchemas.cycloneDx16(run.out())).isEmpty();
    assertThat(run.out()).contains("pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64");
  }
}
