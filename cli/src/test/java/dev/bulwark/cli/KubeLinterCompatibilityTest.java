package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running Bulwark the way kube-linter runs: a kube-linter configuration file with custom checks and
 * a checks section, and kube-linter's Kustomize test (its end-to-end test flag-kustomize-support).
 */
class KubeLinterCompatibilityTest {
  private static final String MANIFEST =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        annotations:
          reloader.stakater.com/auto: "true"
      spec:
        replicas: 1
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: registry.example.com/web:1.0
      """;

  @Test
  void customChecksRunAsPoliciesAndTheChecksSectionSelects(@TempDir Path dir) throws IOException {
    Path manifest = Files.writeString(dir.resolve("web.yaml"), MANIFEST);
    Path config =
        Files.writeString(
            dir.resolve(".kube-linter.yaml"),
            """
            checks:
              doNotAutoAddDefaults: true
              include: [minimum-three-replicas]
            customChecks:
              - name: no-reloader
                remediation: Restart the pods from the deployment pipeline instead.
                scope:
                  objectKinds: [DeploymentLike]
                template: forbidden-annotation
                params:
                  key: reloader\\.stakater\\.com/auto
                  value: "true"
              - name: team-label
                template: required-label
                params: {key: team}
            """);

    Run run =
        CheckCommandTest.run(
            "check", manifest.toString(), "--kube-linter-config", config.toString(), "-o", "json");

    JsonNode report = run.json();
    assertThat(CheckCommandTest.violations(report, "web", "kube-linter-no-reloader")).hasSize(1);
    assertThat(CheckCommandTest.violations(report, "web", "kube-linter-team-label")).hasSize(1);
    assertThat(CheckCommandTest.violations(report, "web", "minimum-replicas")).hasSize(1);
    assertThat(CheckCommandTest.violations(report, "web", "latest-tag"))
        .as("kube-linter's defaults are off")
        .isEmpty();
    assertThat(report.get("summary").get("violations").asInt()).isEqualTo(3);
  }

  @Test
  void celCustomChecksReportWhatTheExpressionReturns(@TempDir Path dir) throws IOException {
    Path manifest = Files.writeString(dir.resolve("web.yaml"), MANIFEST);
    Path config =
        Files.writeString(
            dir.resolve("cel.yaml"),
            """
            checks: {doNotAutoAddDefaults: true}
            customChecks:
              - name: single-replica
                scope: {objectKinds: [DeploymentLike]}
                template: cel-expression
                params:
                  check: 'object.spec.replicas < 2 ? "runs a single replica" : ""'
            """);

    JsonNode report =
        CheckCommandTest.run(
                "check",
                manifest.toString(),
                "--kube-linter-config",
                config.toString(),
                "-o",
                "json")
            .json();

    assertThat(CheckCommandTest.violations(report, "web", "kube-linter-single-replica"))
        .singleElement()
        .satisfies(violation ->
            assertThat(violation.get("message").asText()).isEqualTo("runs a single replica"));
  }

  @Test
  void anUnsupportedTemplateIsAnInputErrorWithItsLine(@TempDir Path dir) throws IOException {
    Path manifest = Files.writeString(dir.resolve("web.yaml"), MANIFEST);
    Path config =
        Files.writeString(
            dir.resolve("bad.yaml"),
            """
            customChecks:
              - name: schemas
                template: kubeconform
            checks:
              include: [latest-tags]
            """);

    Run run =
        CheckCommandTest.run(
            "check", manifest.toString(), "--kube-linter-config", config.toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err())
        .contains("bad.yaml:3:5: customChecks[0].template: Bulwark does not implement the")
        .contains("bad.yaml:5:13: checks.include[0]: no kube-linter check is called")
        .contains("did you mean latest-tag?");
  }

  /** kube-linter's flag-kustomize-support: its default checks find problems in the overlay. */
  @Test
  void kubeLinterDefaultsFlagTheKustomizeExample() throws IOException {
    Path kustomization = Conformance.path("kube-linter/tests/testdata/mykustomize");
    Assumptions.assumeTrue(onPath("kubectl"), "kubectl renders Kustomize directories");

    Run run =
        CheckCommandTest.run(
            "check",
            kustomization.toString(),
            "--framework",
            "kube-linter",
            "--fail-on",
            "low",
            "-o",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.POLICY_FAILURE);
    assertThat(run.json().get("summary").get("violations").asInt()).isPositive();
    assertThat(CheckCommandTest.violations(run.json(), "kustomize-test-deployment", "run-as-root"))
        .isNotEmpty();
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
  }
}
