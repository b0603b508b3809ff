package dev.bulwark.detect.report;

import static dev.bulwark.detect.report.ReportFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarifReportWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SCHEMA =
      "output-schemas/sarif/sarif-2.1/schema/sarif-schema-2.1.0.json";

  private final String sarif = render(new SarifReportWriter(), ReportFixtures.representative());

  @Test
  void matchesGoldenFile() throws Exception {
    GoldenFiles.assertMatches("report.sarif", sarif);
  }

  @Test
  void goldenFileValidatesAgainstTheOfficialSchema() throws Exception {
    assertThat(validate(GoldenFiles.read("report.sarif"))).isEmpty();
  }

  @Test
  void emptyReportValidatesAgainstTheOfficialSchema() throws Exception {
    Report empty =
        new Report(
            "0.1.0-test",
            List.of(),
            List.of(),
            Summary.of(List.of(), List.of()),
            List.of(),
            List.of(),
            List.of());
    String output = render(new SarifReportWriter(), empty);
    assertThat(validate(output)).isEmpty();
    assertThat(MAPPER.readTree(output).at("/runs/0/invocations/0/executionSuccessful").asBoolean())
        .isTrue();
  }

  @Test
  void schemaValidationCatchesABrokenLog() throws Exception {
    String broken = sarif.replace("\"startLine\": 21", "\"startLine\": 0");
    assertThat(broken).isNotEqualTo(sarif);
    assertThat(validate(broken)).isNotEmpty();
  }

  @Test
  void schemaValidationCatchesAnUnencodedUri() throws Exception {
    String unencoded = sarif.replace("deploy/web%20app.yaml", "deploy/web app.yaml");
    assertThat(unencoded).isNotEqualTo(sarif);
    assertThat(validate(unencoded)).isNotEmpty();
  }

  @Test
  void rulesDescribeEveryPolicyInOrder() throws Exception {
    JsonNode rules = MAPPER.readTree(sarif).at("/runs/0/tool/driver/rules");
    assertThat(rules).hasSize(5);
    JsonNode privileged = rules.get(0);
    assertThat(privileged.get("id").asText()).isEqualTo("privileged-container");
    assertThat(privileged.get("name").asText()).isEqualTo("PrivilegedContainer");
    assertThat(privileged.at("/shortDescription/text").asText()).isEqualTo("Privileged container");
    assertThat(privileged.at("/help/text").asText())
        .isEqualTo("Remove securityContext.privileged or set it to false.");
    assertThat(privileged.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(privileged.at("/properties/security-severity").asText()).isEqualTo("9.0");
    assertThat(rules.at("/1/defaultConfiguration/level").asText()).isEqualTo("warning");
    assertThat(rules.at("/2/defaultConfiguration/level").asText()).isEqualTo("note");
    assertThat(rules.at("/2/fullDescription").isMissingNode()).isTrue();
    assertThat(rules.at("/3/properties/tags").toString())
        .isEqualTo("[\"Privileges\",\"RBAC\",\"CIS-5.1.3\"]");
  }

  @Test
  void resultsPointAtTheExactField() throws Exception {
    JsonNode results = MAPPER.readTree(sarif).at("/runs/0/results");
    assertThat(results).hasSize(5);
    JsonNode privileged = results.get(0);
    assertThat(privileged.get("ruleId").asText()).isEqualTo("privileged-container");
    assertThat(privileged.get("ruleIndex").asInt()).isZero();
    assertThat(privileged.get("level").asText()).isEqualTo("error");
    JsonNode physical = privileged.at("/locations/0/physicalLocation");
    assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo("deploy/web%20app.yaml");
    assertThat(physical.at("/region/startLine").asInt()).isEqualTo(21);
    assertThat(physical.at("/region/startColumn").asInt()).isEqualTo(13);
    assertThat(privileged.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("Deployment/shop/web");
  }

  @Test
  void unknownColumnOrLineIsLeftOutOfTheRegion() throws Exception {
    JsonNode results = MAPPER.readTree(sarif).at("/runs/0/results");
    JsonNode withoutColumn = results.get(2).at("/locations/0/physicalLocation");
    assertThat(withoutColumn.at("/region/startLine").asInt()).isEqualTo(7);
    assertThat(withoutColumn.at("/region/startColumn").isMissingNode()).isTrue();
    JsonNode withoutLine = results.get(3).at("/locations/0/physicalLocation");
    assertThat(withoutLine.has("region")).isFalse();
    assertThat(withoutLine.at("/artifactLocation/uri").asText()).isEqualTo("cluster/rbac.yaml");
    assertThat(results.at("/2/locations/0/logicalLocations/0/fullyQualifiedName").asText())
        .isEqualTo("ClusterRole/ops-admin");
  }

  @Test
  void nonBlockingFindingsTakeTheLevelOfTheirSeverity() throws Exception {
    JsonNode results = MAPPER.readTree(sarif).at("/runs/0/results");
    assertThat(results.at("/1/level").asText()).isEqualTo("warning");
    assertThat(results.at("/2/level").asText()).isEqualTo("error");
    assertThat(results.at("/2/properties/blocking").asBoolean()).isFalse();
  }

  @Test
  void waivedFindingsAreSuppressedWithTheirJustification() throws Exception {
    JsonNode results = MAPPER.readTree(sarif).at("/runs/0/results");
    assertThat(results.get(0).has("suppressions")).isFalse();
    JsonNode byException = results.at("/1/suppressions/0");
    assertThat(byException.get("kind").asText()).isEqualTo("external");
    assertThat(byException.get("status").asText()).isEqualTo("accepted");
    assertThat(byException.get("justification").asText())
        .isEqualTo("Pinned by the release pipeline & checked <daily>");
    assertThat(results.at("/4/suppressions/0/kind").asText()).isEqualTo("inSource");
  }

  @Test
  void errorsFailTheInvocationAndBecomeNotifications() throws Exception {
    JsonNode invocation = MAPPER.readTree(sarif).at("/runs/0/invocations/0");
    assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
    JsonNode notifications = invocation.get("toolExecutionNotifications");
    assertThat(notifications).hasSize(4);
    assertThat(notifications.at("/0/level").asText()).isEqualTo("error");
    assertThat(notifications.at("/0/locations/0/physicalLocation/region/startColumn").asInt())
        .isEqualTo(7);
    assertThat(notifications.at("/1/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("missing%20dir/absent.yaml");
    assertThat(notifications.at("/1/locations/0/physicalLocation/region").isMissingNode()).isTrue();
    assertThat(notifications.at("/2/level").asText()).isEqualTo("note");
    assertThat(notifications.at("/3/level").asText()).isEqualTo("warning");
  }

  @Test
  void fingerprintFollowsTheFieldNotTheLine() {
    ObjectResult web = ReportFixtures.web();
    Finding finding = web.violations().getFirst();
    Finding moved =
        new Finding(
            finding.policy(),
            finding.policyId(),
            finding.severity(),
            finding.message(),
            finding.file(),
            finding.line() + 10,
            finding.column() + 2,
            finding.path(),
            finding.blocking(),
            finding.waived(),
            finding.waiver(),
            finding.controls());
    Finding otherContainer =
        new Finding(
            finding.policy(),
            finding.policyId(),
            finding.severity(),
            finding.message(),
            finding.file(),
            finding.line(),
            finding.column(),
            "spec.template.spec.containers[1].securityContext.privileged",
            finding.blocking(),
            finding.waived(),
            finding.waiver(),
            finding.controls());
    String original = SarifReportWriter.fingerprint(web.object(), finding);
    assertThat(SarifReportWriter.fingerprint(web.object(), moved)).isEqualTo(original);
    assertThat(SarifReportWriter.fingerprint(web.object(), otherContainer)).isNotEqualTo(original);
    assertThat(original).matches("[0-9a-f]{64}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "deploy/web app.yaml | deploy/web%20app.yaml",
        "overlays\\prod\\app.yaml | overlays/prod/app.yaml",
        "überall.yaml | %C3%BCberall.yaml",
        "C:\\k8s\\app.yaml | C%3A/k8s/app.yaml",
        "50%.yaml | 50%25.yaml",
        "a#b?c.yaml | a%23b%3Fc.yaml",
        "/abs/path/app.yaml | /abs/path/app.yaml",
        "<stdin> | %3Cstdin%3E"
      })
  void artifactUriIsAPercentEncodedRelativeReference(String file, String uri) {
    assertThat(Sarif.artifactUri(file)).isEqualTo(uri);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Privileged container | PrivilegedContainer",
        "90-day image age | 90DayImageAge",
        "read-only root filesystem | ReadOnlyRootFilesystem",
        "CVSS >= 7 | CVSS7",
        "Écrire_partout | ÉcrirePartout"
      })
  void ruleNameIsPascalCase(String policyName, String ruleName) {
    assertThat(SarifReportWriter.pascalCase(policyName)).isEqualTo(ruleName);
  }

  private static Set<ValidationMessage> validate(String log) throws IOException {
    Path schemaFile = conformanceDirectory().resolve(SCHEMA);
    if (!Files.exists(schemaFile)) {
      if ("true".equals(System.getenv("CI"))) {
        fail(
            "SARIF schema missing at "
                + schemaFile.toAbsolutePath()
                + " (set -Dbulwark.conformance.dir)");
      }
      Assumptions.abort("SARIF schema missing at " + schemaFile.toAbsolutePath());
    }
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(schemaFile)) {
      JsonSchema schema = factory.getSchema(in, config);
      return schema.validate(MAPPER.readTree(log));
    }
  }

  private static Path conformanceDirectory() {
    return Path.of(System.getProperty("bulwark.conformance.dir", "../../shared/conformance"));
  }
}
