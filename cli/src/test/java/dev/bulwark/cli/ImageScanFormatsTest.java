package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bulwark image scan -o sarif|cyclonedx|spdx}: each validates against its official schema
 * and carries the vulnerabilities; exit codes do not depend on the format.
 */
class ImageScanFormatsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path directory;
  private static VulnerableImage image;

  @BeforeAll
  static void createImageAndDatabase() throws Exception {
    image = VulnerableImage.create(directory);
  }

  private static Run scan(String... options) {
    return image.scan(options);
  }

  private static List<JsonNode> elements(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  @Test
  void theDatabaseFindsOneRecordForEachOfThreePackages() throws IOException {
    Run run = scan("-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().path("vulnerabilities"))
        .extracting(
            finding -> finding.path("id").asText() + " " + finding.path("severity").asText())
        .containsExactly("TEST-ZLIB CRITICAL", "PYSEC-2024-36 MEDIUM", "TEST-BASH UNKNOWN");
  }

  @Test
  void cycloneDxListsTheVulnerabilitiesAndValidates() throws IOException {
    Run run = scan("-o", "cyclonedx");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(OutputSchemas.cycloneDx16(run.out())).isEmpty();
    JsonNode bom = MAPPER.readTree(run.out());
    assertThat(bom.path("specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.at("/metadata/properties/0/name").asText())
        .isEqualTo("bulwark:vulnerabilitiesChecked");
    assertThat(bom.at("/metadata/properties/0/value").asText()).isEqualTo("true");
    JsonNode vulnerabilities = bom.path("vulnerabilities");
    assertThat(vulnerabilities)
        .extracting(vulnerability -> vulnerability.path("id").asText())
        .containsExactly("TEST-ZLIB", "PYSEC-2024-36", "TEST-BASH");
    JsonNode pysec = vulnerabilities.get(1);
    assertThat(pysec.at("/source/name").asText()).isEqualTo("OSV");
    assertThat(pysec.at("/source/url").asText())
        .isEqualTo("https://osv.dev/vulnerability/PYSEC-2024-36");
    assertThat(pysec.at("/ratings/0/score").asDouble()).isEqualTo(5.5);
    assertThat(pysec.at("/ratings/0/severity").asText()).isEqualTo("medium");
    assertThat(pysec.at("/ratings/0/method").asText()).isEqualTo("CVSSv31");
    assertThat(pysec.at("/ratings/0/vector").asText()).startsWith("CVSS:3.1/AV:L");
    assertThat(pysec.path("references"))
        .extracting(reference -> reference.path("id").asText())
        .contains("CVE-2024-0690");
    assertThat(pysec.path("recommendation").asText())
        .isEqualTo("upgrade ansible-core to 2.16.3 or later");
    assertThat(pysec.at("/affects/0/versions"))
        .extracting(
            version -> version.path("version").asText() + " " + version.path("status").asText())
        .containsExactly("2.16.1 affected", "2.16.3 unaffected");
    String affected = pysec.at("/affects/0/ref").asText();
    JsonNode component =
        elements(bom.path("components")).stream()
            .filter(candidate -> candidate.path("bom-ref").asText().equals(affected))
            .findFirst()
            .orElseThrow();
    assertThat(component.path("name").asText()).isEqualTo("ansible-core");
    JsonNode bash = vulnerabilities.get(2);
    assertThat(bash.at("/ratings/0/severity").asText()).isEqualTo("unknown");
    assertThat(bash.at("/ratings/0/score").isMissingNode()).isTrue();
  }

  @Test
  void spdxAnnotatesTheAffectedPackagesAndValidates() throws IOException {
    Run run = scan("-o", "spdx");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(OutputSchemas.spdx23(run.out())).isEmpty();
    JsonNode document = MAPPER.readTree(run.out());
    assertThat(document.path("comment").asText()).startsWith("Vulnerabilities were checked: 3");
    JsonNode ansible =
        elements(document.path("packages")).stream()
            .filter(item -> item.path("name").asText().equals("ansible-core"))
            .findFirst()
            .orElseThrow();
    assertThat(ansible.path("externalRefs"))
        .extracting(reference -> reference.path("referenceLocator").asText())
        .containsExactly(
            "pkg:pypi/ansible-core@2.16.1", "https://osv.dev/vulnerability/PYSEC-2024-36");
    assertThat(ansible.at("/annotations/0/annotationType").asText()).isEqualTo("OTHER");
    assertThat(ansible.at("/annotations/0/comment").asText())
        .startsWith("PYSEC-2024-36 (MEDIUM, CVSS 5.5 CVSS:3.1/")
        .contains("aliases ", "CVE-2024-0690")
        .endsWith("Remedy: upgrade ansible-core to 2.16.3 or later");
  }

  @Test
  void sarifHasOneResultPerFindingAtThePackagesFileAndValidates() throws IOException {
    Run run = scan("-o", "sarif");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(OutputSchemas.sarif210(run.out())).isEmpty();
    JsonNode log = MAPPER.readTree(run.out());
    JsonNode sarifRun = log.at("/runs/0");
    assertThat(sarifRun.at("/tool/driver/rules"))
        .extracting(rule -> rule.path("id").asText())
        .containsExactly("TEST-ZLIB", "PYSEC-2024-36", "TEST-BASH");
    JsonNode pysecRule = sarifRun.at("/tool/driver/rules/1");
    assertThat(pysecRule.at("/properties/security-severity").asText()).isEqualTo("5.5");
    assertThat(pysecRule.at("/help/text")).isNotNull();
    assertThat(pysecRule.at("/help/markdown").asText()).contains("[CVE-2024-0690](");
    assertThat(sarifRun.at("/tool/driver/rules/2/properties/security-severity").isMissingNode())
        .isTrue();
    JsonNode results = sarifRun.path("results");
    assertThat(results)
        .extracting(result -> result.path("ruleId").asText() + " " + result.path("level").asText())
        .containsExactly("TEST-ZLIB error", "PYSEC-2024-36 warning", "TEST-BASH note");
    JsonNode pysec = results.get(1);
    assertThat(pysec.path("ruleIndex").asInt()).isEqualTo(1);
    assertThat(pysec.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("usr/lib/python3/dist-packages/ansible_core-2.16.1.dist-info/METADATA");
    assertThat(pysec.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("pkg:pypi/ansible-core@2.16.1");
    assertThat(pysec.at("/message/text").asText())
        .isEqualTo(
            "ansible-core 2.16.1 is affected by PYSEC-2024-36 (MEDIUM, CVSS 5.5): upgrade"
                + " ansible-core to 2.16.3 or later");
    assertThat(pysec.at("/partialFingerprints/bulwark~1v1").asText()).hasSize(64);
    assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("var/lib/dpkg/status");
    assertThat(sarifRun.at("/invocations/0/toolExecutionNotifications")).isEmpty();
  }

  @Test
  void schemaValidationCatchesABrokenDocumentOfEachFormat() throws IOException {
    assertThat(
            OutputSchemas.sarif210(scan("-o", "sarif").out().replace("\"warning\"", "\"severe\"")))
        .isNotEmpty();
    assertThat(
            OutputSchemas.cycloneDx16(
                scan("-o", "cyclonedx").out().replace("\"unaffected\"", "\"fixed\"")))
        .isNotEmpty();
    assertThat(OutputSchemas.spdx23(scan("-o", "spdx").out().replace("\"OTHER\"", "\"NOTE\"")))
        .isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"table", "json", "sarif", "cyclonedx", "spdx"})
  void failOnExitsTheSameWhateverTheFormat(String format) {
    Run critical = scan("-o", format, "--fail-on", "CRITICAL");
    assertThat(critical.exitCode()).as(critical.err()).isEqualTo(1);
    assertThat(critical.err()).contains("1 vulnerability is at or above CRITICAL");
    assertThat(critical.out()).isNotEmpty();

    Run filtered = scan("-o", format, "--severity", "MEDIUM,UNKNOWN", "--fail-on", "HIGH");
    assertThat(filtered.exitCode()).as(filtered.err()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sarif", "cyclonedx", "spdx"})
  void everyFormatSaysWhenVulnerabilitiesWereNotChecked(String format) throws IOException {
    Path missing = directory.resolve("no-db");
    Run run = image.scan(image.reference(), missing, "-o", format);

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("NOT checked");
    JsonNode document = MAPPER.readTree(run.out());
    String statement =
        switch (format) {
          case "sarif" ->
              document
                  .at("/runs/0/invocations/0/toolExecutionNotifications/0/message/text")
                  .asText();
          case "cyclonedx" ->
              document.at("/metadata/properties/0/name").asText()
                  + "="
                  + document.at("/metadata/properties/0/value").asText();
          default -> document.path("comment").asText();
        };
    assertThat(statement)
        .isIn(
            "vulnerabilities were NOT checked: there was no vulnerability database",
            "bulwark:vulnerabilitiesChecked=false",
            "Vulnerabilities were NOT checked: there was no vulnerability database.");
    assertThat(image.scan(image.reference(), missing, "-o", format, "--fail-on", "LOW").exitCode())
        .isEqualTo(2);
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Run run = scan("-o", "xml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("unknown output format \"xml\": use table, json, sarif, cyclonedx or spdx");
  }
}
