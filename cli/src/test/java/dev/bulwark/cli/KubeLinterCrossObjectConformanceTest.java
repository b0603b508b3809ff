package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kube-linter's fixtures for the checks that compare objects with other objects, run through {@code
 * bulwark check} with the check's policy enabled (of the same id, but for the two about access
 * through bindings): Bulwark flags the same objects, in the same order, as many times as
 * kube-linter's expected results say ({@code expected_violations.json}, derived from its e2e
 * tests). Messages are Bulwark's own words, but they name the same things: every quoted name of
 * kube-linter's message appears in Bulwark's.
 */
class KubeLinterCrossObjectConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  /** The policies whose id is not the check's. */
  private static final Map<String, String> POLICY_OF_CHECK =
      Map.of(
          "access-to-create-pods", "rbac-create-workloads-binding",
          "access-to-secrets", "rbac-secrets-access-binding");

  /** One flagged object, as kube-linter's expectations describe it: its kind and the message. */
  private record Report(String kind, String message) {}

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "dangling-service",
        "dangling-ingress",
        "dangling-networkpolicy",
        "dangling-networkpolicypeer-podselector",
        "dangling-horizontalpodautoscaler",
        "dangling-servicemonitor",
        "non-existent-service-account",
        "env-value-from",
        "pdb-max-unavailable",
        "pdb-min-available",
        "non-isolated-pod",
        "access-to-create-pods",
        "access-to-secrets"
      })
  void flagsTheObjectsKubeLinterFlags(String check) throws IOException {
    JsonNode expectation = expectation(check);
    Path fixture = Conformance.path("kube-linter/" + expectation.get("fixture").asText());

    Run run =
        run(
            "check",
            fixture.toString(),
            "-o",
            "json",
            "--framework",
            "kube-linter",
            "--enable",
            POLICY_OF_CHECK.getOrDefault(check, check));
    assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
    List<Report> found = reports(run.json(), "kube-linter:" + check);

    JsonNode count = expectation.get("expectedReportCount");
    if (!count.isNull()) {
      assertThat(found).as("reports of %s", check).hasSize(count.asInt());
    }
    for (JsonNode expected : expectation.get("expectedMessages")) {
      int index = expected.get("reportIndex").asInt();
      String text = expected.get("expected").asText();
      assertThat(found).as("reports of %s", check).hasSizeGreaterThan(index);
      Report report = found.get(index);
      assertThat(report.kind()).isEqualTo(text.substring(0, text.indexOf(':')));
      Matcher quoted = QUOTED.matcher(text);
      while (quoted.find()) {
        assertThat(report.message()).contains("\"" + quoted.group(1) + "\"");
      }
    }
  }

  private static JsonNode expectation(String check) throws IOException {
    JsonNode all = JSON.readTree(Conformance.path("kube-linter/expected_violations.json").toFile());
    for (JsonNode test : all) {
      if (test.get("test").asText().equals(check)) {
        return test;
      }
    }
    throw new AssertionError("kube-linter has no expectation for " + check);
  }

  /** The findings carrying the control, in report order (objects in document order). */
  private static List<Report> reports(JsonNode report, String control) {
    List<Report> found = new ArrayList<>();
    for (JsonNode result : report.get("results")) {
      for (JsonNode finding : result.get("violations")) {
        for (JsonNode each : finding.get("controls")) {
          if (each.asText().equals(control)) {
            found.add(
                new Report(
                    result.get("object").get("kind").asText(), finding.get("message").asText()));
          }
        }
      }
    }
    return found;
  }
}
