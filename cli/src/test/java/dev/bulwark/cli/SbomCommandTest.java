package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark sbom}: both formats validate against the official schemas. */
class SbomCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path directory;

  private Run sbom(String format) throws IOException {
    Path root = ImageScanCommandTest.rootfs(directory);
    return run(
        "sbom", "dir:" + root, "-o", format, "--cache-dir", directory.resolve("cache").toString());
  }

  @Test
  void cycloneDxIsValidVersion16WithEveryPackage() throws IOException {
    Run run = sbom("cyclonedx");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(OutputSchemas.cycloneDx16(run.out())).isEmpty();
    JsonNode bom = MAPPER.readTree(run.out());
    assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.path("metadata").path("component").path("type").asText()).isEqualTo("container");
    assertThat(bom.path("components"))
        .extracting(component -> component.path("name").asText())
        .containsExactly("debian", "bash", "six", "zlib1g");
    JsonNode zlib = bom.path("components").get(3);
    assertThat(zlib.path("purl").asText()).startsWith("pkg:deb/debian/zlib1g@");
    assertThat(zlib.path("properties"))
        .extracting(property -> property.path("name").asText())
        .contains("bulwark:layer", "bulwark:path", "bulwark:sourceName");
  }

  @Test
  void cycloneDxSchemaValidationCatchesABrokenDocument() throws IOException {
    String broken = sbom("cyclonedx").out().replace("\"library\"", "\"libary\"");

    assertThat(OutputSchemas.cycloneDx16(broken)).isNotEmpty();
  }

  @Test
  void spdxIsValidVersion23WithEveryPackageContainedInTheImage() throws IOException {
    Run run = sbom("spdx");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(OutputSchemas.spdx23(run.out())).isEmpty();
    JsonNode document = MAPPER.readTree(run.out());
    assertThat(document.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(document.path("packages"))
        .extracting(item -> item.path("name").asText())
        .endsWith("debian", "bash", "six", "zlib1g");
    assertThat(document.path("relationships"))
        .filteredOn(relation -> relation.path("relationshipType").asText().equals("CONTAINS"))
        .hasSize(4);
    assertThat(document.path("packages").get(4).at("/externalRefs/0/referenceLocator").asText())
        .startsWith("pkg:deb/debian/zlib1g@");
  }

  @Test
  void spdxSchemaValidationCatchesABrokenDocument() throws IOException {
    String broken = sbom("spdx").out().replace("\"LIBRARY\"", "\"LIBRARIES\"");

    assertThat(OutputSchemas.spdx23(broken)).isNotEmpty();
  }

  @Test
  void anUnknownFormatIsAUsageError() throws IOException {
    Run run = sbom("swid");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("use cyclonedx or spdx");
  }
}
