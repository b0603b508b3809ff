package dev.bulwark.scanner.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which references name SBOM files rather than images. */
class SbomFileDetectionTest {
  @TempDir Path directory;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"bomFormat\": \"CycloneDX\"}",
        "\uFEFF  \n{\"spdxVersion\": \"SPDX-2.3\"}",
        "<?xml version=\"1.0\"?><bom/>",
        "# comment\n\nSPDXVersion: SPDX-2.3\n",
        "{\"not\": \"an sbom, but JSON, which no image archive is\"}"
      })
  void aFileThatStartsLikeADocumentIsAnSbom(String content) throws IOException {
    Path file = directory.resolve("input");
    Files.writeString(file, content);

    assertThat(SbomReader.sbomFile(file.toString())).contains(file);
  }

  @Test
  void aTarArchiveIsNotAnSbom() throws IOException {
    Path file = directory.resolve("image.tar");
    byte[] header = new byte[512];
    byte[] name = "manifest.json".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, header, 0, name.length);
    Files.write(file, header);

    assertThat(SbomReader.sbomFile(file.toString())).isEmpty();
  }

  @Test
  void directoriesRegistryReferencesAndPrefixedImagesAreNotSboms() throws IOException {
    Path json = directory.resolve("bom.json");
    Files.writeString(json, "{}");

    assertThat(SbomReader.sbomFile(directory.toString())).isEmpty();
    assertThat(SbomReader.sbomFile("registry.example.com/team/app:1.0")).isEmpty();
    assertThat(SbomReader.sbomFile("oci-archive:" + json)).isEmpty();
    assertThat(SbomReader.sbomFile("bad\0path")).isEmpty();
  }

  @Test
  void theSbomPrefixNamesAFileEvenBeforeItExists() {
    Path missing = directory.resolve("later.json");

    assertThat(SbomReader.sbomFile("sbom:" + missing)).contains(missing);
  }
}
