package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static dev.bulwark.cli.CheckCommandTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The report formats of {@code bulwark check} as a CI system receives them. */
class CheckOutputFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANIFESTS = "../examples/manifests";
  private static final String NODE_AGENT = MANIFESTS + "/node-agent.yaml";

  @Test
  void sarifValidatesAgainstTheSchemaAndPointsAtTheField() throws IOException {
    Run run = run("check", MANIFESTS, "-o", "sarif");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode log = JSON.readTree(run.out());
    assertThat(sarifSchema().validate(log)).isEmpty();

    List<JsonNode> privileged = new ArrayList<>();
    for (JsonNode result : log.at("/runs/0/results")) {
      JsonNode location = result.at("/locations/0/physicalLocation");
      if (result.get("ruleId").asText().equals("privileged-container")
          && location.at("/artifactLocation/uri").asText().endsWith("manifests/node-agent.yaml")) {
        privileged.add(location.get("region"));
      }
    }
    assertThat(privileged).hasSize(1);
    assertThat(privileged.getFirst().get("startLine").asInt()).isEqualTo(22);
    assertThat(privileged.getFirst().get("startColumn").asInt()).isEqualTo(13);
    assertThat(log.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isTrue();
  }

  @Test
  void junitIsXmlWithATestCaseForEachObjectAndPolicy() throws Exception {
    Run run = run("check", NODE_AGENT, "-o", "junit");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    Document xml = parseXml(run.out());

    Element suites = xml.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    NodeList testCases = xml.getElementsByTagName("testcase");
    NodeList failures = xml.getElementsByTagName("failure");
    assertThat(testCases.getLength()).isEqualTo(Integer.parseInt(suites.getAttribute("tests")));
    assertThat(failures.getLength())
        .isPositive()
        .isEqualTo(Integer.parseInt(suites.getAttribute("failures")));

    Element privileged =
        testCase(testCases, "DaemonSet monitoring/node-agent: Privileged container");
    Element failure = (Element) privileged.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("HIGH");
    assertThat(failure.getTextContent()).startsWith(NODE_AGENT + ":22:13: ");
  }

  @Test
  void outputFileGetsTheReportAndStandardErrorTheSummary(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("reports/bulwark.json");
    Run run = run("check", NODE_AGENT, "-o", "json", "--output", file.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    JsonNode report = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    JsonNode summary = report.get("summary");
    assertThat(summary.get("objects").asInt()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "bulwark: 1 object, %d violations (%d blocking, %d waived), 0 not evaluated, 0 errors"
                .formatted(
                    summary.get("violations").asInt(),
                    summary.get("blocking").asInt(),
                    summary.get("waived").asInt()));
  }

  @Test
  void tableWithoutATerminalHasNoEscapeSequences() {
    Run run = run("check", MANIFESTS);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .doesNotContain("\u001B")
        .contains("(" + NODE_AGENT + ":22:13)  BLOCKING")
        .contains("10 objects");
  }

  @Test
  void expiredExceptionNoLongerWaivesAndIsListed(@TempDir Path dir) throws IOException {
    Path exceptions = dir.resolve("expired.yaml");
    Files.writeString(
        exceptions,
        """
        apiVersion: bulwark.dev/v1alpha1
        kind: PolicyException
        metadata:
          name: node-agent-host-network
        spec:
          policies: ["host-network"]
          scope:
            workloads: ["node-agent"]
          owner: platform-team@example.com
          reason: The node agent collects host metrics.
          expires: 2020-01-01
        """);
    Run run = run("check", NODE_AGENT, "--exceptions", exceptions.toString(), "-o", "json");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode report = run.json();

    JsonNode hostNetwork = violations(report, "node-agent", "host-network").getFirst();
    assertThat(hostNetwork.get("waived").asBoolean()).isFalse();
    assertThat(hostNetwork.has("waiver")).isFalse();
    assertThat(report.get("summary").get("waived").asInt()).isZero();

    JsonNode expired = report.get("expiredExceptions");
    assertThat(expired).hasSize(1);
    assertThat(expired.get(0).get("name").asText()).isEqualTo("node-agent-host-network");
    assertThat(expired.get(0).get("file").asText()).isEqualTo(exceptions.toString());
    // A date means "through that day", so the exception ended when 2 January 2020 began.
    assertThat(expired.get(0).get("expires").asText()).isEqualTo("2020-01-02T00:00:00Z");
    assertThat(expired.get(0).get("owner").asText()).isEqualTo("platform-team@example.com");
  }

  private static JsonSchema sarifSchema() throws IOException {
    Path schema = Conformance.path("output-schemas/sarif/sarif-2.1/schema/sarif-schema-2.1.0.json");
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(schema)) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
    }
  }

  private static Document parseXml(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
  }

  private static Element testCase(NodeList testCases, String name) {
    for (int i = 0; i < testCases.getLength(); i++) {
      Element testCase = (Element) testCases.item(i);
      if (testCase.getAttribute("name").equals(name)) {
        return testCase;
      }
    }
    throw new AssertionError("no test case named " + name);
  }
}
