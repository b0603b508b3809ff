package dev.bulwark.scanner.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.scan.ImageScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broken, hostile and unsupported SBOMs end in a clear error naming the file, never a crash. */
class BadSbomTest {
  @TempDir Path directory;

  private ImageScan read(String content, SbomLimits limits) throws IOException, SbomException {
    Path file = directory.resolve("bad.json");
    Files.writeString(file, content);
    return new SbomReader(limits).read(file, file.toString(), Platform.DEFAULT, Instant.EPOCH);
  }

  private ImageScan read(String content) throws IOException, SbomException {
    return read(content, SbomLimits.DEFAULTS);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"name": }]} | bad.json:1:74: not valid JSON
          {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [           | bad.json:1:65: not valid JSON: Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 64)
          {"bomFormat": "CycloneDX", "specVersion": "1.6"} trailing                   | not valid JSON
          {"bomFormat": "CycloneDX", "specVersion": "1.6"} {}                         | bad.json:1:50: content after the end of the document
          {"name": "manifest", "layers": []}                                          | neither a CycloneDX BOM
          {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []} | SPDX 3 JSON-LD is not supported
          {"bomFormat": "SWID", "specVersion": "1.6"}                                 | "bomFormat" is "SWID"
          {"bomFormat": "CycloneDX"}                                                  | CycloneDX specVersion missing
          {"bomFormat": "CycloneDX", "specVersion": "2.0"}                            | CycloneDX specVersion "2.0" is not read
          {"spdxVersion": "SPDX-2.1"}                                                 | SPDX version "SPDX-2.1" is not read
          {"spdxVersion": 2.3}                                                        | spdxVersion must be a string
          {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": {}}          | bad.json:1:64: /components must be a JSON array
          {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": ["x"]}       | /components/0 must be a JSON object
          {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"purl": 7}]} | /components/0/purl must be a string
          {"spdxVersion": "SPDX-2.3", "packages": [{"externalRefs": {}}]}             | /packages/0/externalRefs must be a JSON array
          [1, 2, 3]                                                                   | not an SBOM bulwark reads
          """)
  void malformedOrUnsupportedJsonIsAnErrorThatSaysWhereAndWhy(String content, String message) {
    assertThatThrownBy(() -> read(content))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("bad.json");
  }

  @Test
  void nestingBeyondTheLimitIsAnError() {
    String deep =
        "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"x\": " + "[".repeat(200);

    assertThatThrownBy(() -> read(deep))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void aFileOverTheSizeLimitIsNotRead() {
    assertThatThrownBy(() ->
            read(
                "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\"}", new SbomLimits(10, 10)))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("bad.json is 48 bytes, more than the 10 bytes");
  }

  @Test
  void moreComponentsThanTheLimitIsAnErrorNotATruncatedScan() {
    String bom =
        """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
          {"purl": "pkg:cargo/a@1"}, {"purl": "pkg:cargo/b@1", "components": [
            {"purl": "pkg:cargo/c@1"}]}]}
        """;

    assertThatThrownBy(() -> read(bom, new SbomLimits(1 << 20, 2)))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("lists more than 2 components");
  }

  @Test
  void anXmlEntityBombIsRefusedWithoutExpansion() {
    String bomb =
        """
        <?xml version="1.0"?>
        <!DOCTYPE bom [
          <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
          <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
        ]>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>
          <component type="library"><name>&d;</name></component>
        </components></bom>
        """;

    assertThatThrownBy(() -> read(bomb))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining(
            "bad.json:7:4: document type declarations (<!DOCTYPE ...>) are refused");
  }

  @Test
  void anExternalEntityIsNeverRead() throws IOException {
    Path secret = directory.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String bom =
        """
        <?xml version="1.0"?>
        <!DOCTYPE bom [<!ENTITY leak SYSTEM "%s">]>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>
          <component type="library"><name>&leak;</name><purl>pkg:gem/x@1</purl></component>
        </components></bom>
        """
            .formatted(secret.toUri());

    assertThatThrownBy(() -> read(bom))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining("document type declarations")
        .message()
        .doesNotContain("TOP-SECRET");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          <bom xmlns="http://cyclonedx.org/schema/bom/0.9"/>    | expected a <bom> element
          <html xmlns="http://www.w3.org/1999/xhtml"/>          | found <html>
          <bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>   | not valid XML
          """)
  void xmlThatIsNotACycloneDxBomIsAnError(String content, String message) {
    assertThatThrownBy(() -> read(content))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          'SPDXVersion: SPDX-2.3\nPackageName: a\nno colon here'                | bad.json:3: expected "Tag: value"
          'SPDXVersion: SPDX-2.3\nPackageComment: <text>never closed'          | bad.json:2: the <text> value has no </text>
          'SPDXVersion: SPDX-3.0'                                               | SPDX version "SPDX-3.0" is not read
          'PackageName: a\nSPDXVersion: SPDX-2.3'                               | not an SBOM bulwark reads
          """)
  void brokenTagValueIsAnErrorWithTheLine(String content, String message) {
    assertThatThrownBy(() -> read(content.replace("\\n", "\n")))
        .isInstanceOf(SbomException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aMissingFileIsAnError() {
    Path missing = directory.resolve("missing.json");

    assertThatThrownBy(() ->
            new SbomReader(SbomLimits.DEFAULTS)
                .read(missing, "sbom:" + missing, Platform.DEFAULT, Instant.EPOCH))
        .isInstanceOf(SbomException.class)
        .hasMessage("no such SBOM file: " + missing);
  }

  @Test
  void aDirectoryIsNotAnSbom() {
    assertThatThrownBy(() ->
            new SbomReader(SbomLimits.DEFAULTS)
                .read(directory, "sbom:" + directory, Platform.DEFAULT, Instant.EPOCH))
        .isInstanceOf(SbomException.class)
        .hasMessage(directory + " is not a regular file, so not an SBOM");
  }

  @Test
  void componentsWithoutAnythingUsableStillLeaveTheRestScanned() throws Exception {
    ImageScan scan =
        read(
            """
            {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              {}, {"type": "library", "purl": "pkg:npm/left-pad@1.3.0"}]}
            """);

    assertThat(scan.packages()).hasSize(1);
    assertThat(scan.notes()).hasSize(1);
  }
}
