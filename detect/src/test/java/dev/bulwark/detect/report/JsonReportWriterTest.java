package dev.bulwark.detect.report;

import static dev.bulwark.detect.report.ReportFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String json = render(new JsonReportWriter(), ReportFixtures.representative());

  @Test
  void matchesGoldenFile() throws Exception {
    GoldenFiles.assertMatches("report.json", json);
  }

  @Test
  void topLevelKeysAreInDocumentedOrder() throws Exception {
    JsonNode root = MAPPER.readTree(json);
    assertThat(fieldNames(root))
        .containsExactly(
            "version", "tool", "results", "summary", "errors", "notes", "expiredExceptions");
    assertThat(root.get("version").asText()).isEqualTo("1");
    assertThat(root.at("/tool/name").asText()).isEqualTo("bulwark");
    assertThat(root.at("/tool/version").asText()).isEqualTo("0.1.0-test");
  }

  @Test
  void everyObjectCarriesItsRequiredFields() throws Exception {
    JsonNode results = MAPPER.readTree(json).get("results");
    assertThat(results).hasSize(4);
    for (JsonNode result : results) {
      assertThat(fieldNames(result)).containsExactly("object", "violations", "notEvaluated");
      assertThat(fieldNames(result.get("object")))
          .containsExactly("apiVersion", "kind", "namespace", "name", "file", "line");
    }
    assertThat(results.at("/2/object/namespace").isNull()).isTrue();
  }

  @Test
  void findingsCarryEveryFieldAndWaiverOnlyWhenWaived() throws Exception {
    JsonNode violations = MAPPER.readTree(json).at("/results/0/violations");
    assertThat(fieldNames(violations.get(0)))
        .containsExactly(
            "policy",
            "policyId",
            "severity",
            "message",
            "file",
            "line",
            "column",
            "path",
            "blocking",
            "waived",
            "controls");
    assertThat(fieldNames(violations.get(1))).contains("waiver");
    assertThat(fieldNames(violations.get(1).get("waiver")))
        .containsExactly("kind", "name", "reason", "owner", "ticket", "expires");
    assertThat(violations.at("/1/waiver/ticket").asText()).isEqualTo("SEC-142");
    assertThat(violations.at("/0/severity").asText()).isEqualTo("CRITICAL");
    assertThat(violations.at("/0/line").asInt()).isEqualTo(21);
    assertThat(violations.at("/0/column").asInt()).isEqualTo(13);
  }

  @Test
  void specialCharactersSurviveTheRoundTrip() throws Exception {
    JsonNode root = MAPPER.readTree(json);
    assertThat(root.at("/results/0/violations/0/message").asText())
        .isEqualTo("container \"app\" runs privileged: <&>'");
    assertThat(root.at("/results/0/object/file").asText()).isEqualTo("deploy/web app.yaml");
  }

  @Test
  void summaryAndMessagesAreComplete() throws Exception {
    JsonNode root = MAPPER.readTree(json);
    assertThat(root.at("/summary/objects").asInt()).isEqualTo(4);
    assertThat(root.at("/summary/violations").asInt()).isEqualTo(5);
    assertThat(root.at("/summary/blocking").asInt()).isEqualTo(1);
    assertThat(root.at("/summary/waived").asInt()).isEqualTo(2);
    assertThat(root.at("/summary/notEvaluated").asInt()).isEqualTo(1);
    assertThat(root.at("/summary/errors").asInt()).isEqualTo(2);
    assertThat(fieldNames(root.at("/errors/0")))
        .containsExactly("file", "line", "column", "message");
    assertThat(fieldNames(root.at("/notes/0"))).containsExactly("file", "line", "message");
    assertThat(fieldNames(root.at("/expiredExceptions/0")))
        .containsExactly("name", "file", "expires", "owner");
  }

  @Test
  void emptyReportHasEmptyArraysAndEndsWithNewline() throws Exception {
    Report empty =
        new Report(
            "0.1.0-test",
            List.of(),
            List.of(),
            Summary.of(List.of(), List.of()),
            List.of(),
            List.of(),
            List.of());
    String output = render(new JsonReportWriter(), empty);
    assertThat(output).endsWith("}\n").contains("\"results\": [],");
    assertThat(MAPPER.readTree(output).get("errors")).isEmpty();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
