package dev.bulwark.sensor.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.Severity;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.evaluation.DeploymentVerdict;
import dev.bulwark.sensor.evaluation.PolicyViolation;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportContentTest {
  private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

  static DeploymentVerdict verdict(String name, PolicyViolation... violations) {
    return new DeploymentVerdict(
        new DeploymentRef("apps/v1", "Deployment", "shop", name, "uid-" + name),
        "fp",
        List.of(violations),
        AT);
  }

  static PolicyViolation violation(String id, Severity severity) {
    return new PolicyViolation(
        id, "Policy " + id, severity, List.of(id + " is violated"), List.of());
  }

  @Test
  void theSummaryCountsEveryFailureAndTheResultsAreTheMostSevereOnes() {
    ReportContent content =
        ReportContent.of(
            List.of(
                verdict("a", violation("low", Severity.LOW), violation("crit", Severity.CRITICAL)),
                verdict(
                    "b", violation("high", Severity.HIGH), violation("medium", Severity.MEDIUM)),
                verdict("c"),
                verdict("d")),
            2);
    assertThat(content.summary())
        .isEqualTo(Map.of("pass", 2, "fail", 4, "warn", 0, "error", 0, "skip", 0));
    assertThat(content.results())
        .extracting(result -> result.get("rule"))
        .containsExactly("crit", "high");
    Map<String, Object> first = content.results().get(0);
    assertThat(first)
        .containsEntry("policy", "Policy crit")
        .containsEntry("result", "fail")
        .containsEntry("severity", "critical")
        .containsEntry("source", "bulwark")
        .containsEntry("message", "crit is violated")
        .containsEntry("timestamp", Map.of("seconds", AT.getEpochSecond(), "nanos", 0));
    assertThat(first.get("resources"))
        .isEqualTo(
            List.of(
                Map.of(
                    "apiVersion", "apps/v1",
                    "kind", "Deployment",
                    "namespace", "shop",
                    "name", "a",
                    "uid", "uid-a")));
  }

  @ParameterizedTest
  @CsvSource({"LOW, low", "MEDIUM, medium", "HIGH, high", "CRITICAL, critical"})
  void severitiesMapToTheWorkingGroupsNames(Severity severity, String expected) {
    assertThat(ReportContent.severity(severity)).isEqualTo(expected);
  }

  @Test
  void aReEvaluationWithTheSameFindingsComparesEqual() {
    ReportContent before =
        ReportContent.of(List.of(verdict("a", violation("x", Severity.LOW))), 50);
    DeploymentVerdict later =
        new DeploymentVerdict(
            verdict("a").deployment(),
            "fp",
            List.of(violation("x", Severity.LOW)),
            AT.plusSeconds(60));
    assertThat(ReportContent.of(List.of(later), 50).comparable()).isEqualTo(before.comparable());
  }

  @Test
  void longMessagesAreBounded() {
    PolicyViolation many =
        new PolicyViolation(
            "x", "X", Severity.LOW, Collections.nCopies(30, "m".repeat(200)), List.of());
    String message =
        (String) ReportContent.of(List.of(verdict("a", many)), 50).results().get(0).get("message");
    assertThat(message).hasSizeLessThanOrEqualTo(1024);
  }

  @Test
  void theShippedDefinitionsAreBothKindsAndMatchTheDeployCopy() throws Exception {
    assertThat(ReportDefinitions.shipped())
        .extracting(definition -> definition.getSpec().getNames().getKind())
        .containsExactly("PolicyReport", "ClusterPolicyReport");
    Path deployCopy = Path.of("../deploy/sensor/policyreport-crds.yaml");
    try (InputStream in = ReportDefinitions.class.getResourceAsStream(ReportDefinitions.RESOURCE)) {
      assertThat(Files.readString(deployCopy))
          .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
