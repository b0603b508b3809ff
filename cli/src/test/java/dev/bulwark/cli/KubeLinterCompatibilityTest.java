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
              - name: tags
                template: latest-tag
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

  /**
   * kube-linter's template-kubeconform test: its configuration (strict, missing schemas ignored) on
   * its fixture flags the DaemonSet with replicas and the Pod with an unknown field, each at the
   * line of the field.
   */
  @Test
  void theKubeconformTemplateValidatesAgainstTheKubernetesSchema() throws IOException {
    Run run =
        CheckCommandTest.run(
            "check",
            Conformance.path("kube-linter/tests/checks/kubeconform.yml").toString(),
            "--kube-linter-config",
            Conformance.path("kube-linter/e2etests/testdata/kubeconform-config.yaml").toString(),
            "--fail-on",
            "medium",
            "-o",
            "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.POLICY_FAILURE);
    String policy = "kube-linter-kubeconform-validation";
    assertThat(run.json().findValuesAsText("policyId")).filteredOn(policy::equals).hasSize(2);
    assertThat(CheckCommandTest.violations(run.json(), "invalid-daemonset", policy))
        .singleElement()
        .satisfies(violation -> {
          assertThat(violation.get("message").asText())
              .isEqualTo("Unknown field spec.replicas: DaemonSetSpec has no field \"replicas\"");
          assertThat(violation.get("line").asInt()).isEqualTo(22);
        });
    assertThat(CheckCommandTest.violations(run.json(), "invalid-pod", policy))
        .singleElement()
        .satisfies(violation -> assertThat(violation.get("line").asInt()).isEqualTo(69));
  }

  @Test
  void kubeconformParametersBulwarkCannotHonourAreInputErrors(@TempDir Path dir)
      throws IOException {
    Path manifest = Files.writeString(dir.resolve("web.yaml"), MANIFEST);
    Path config =
        Files.writeString(
            dir.resolve("schemas.yaml"),
            """
            customChecks:
              - name: schemas
                template: kubeconform
                params:
                  schemaLocations: [https://example.com/schemas]
            """);

    Run run =
        CheckCommandTest.run(
            "check", manifest.toString(), "--kube-linter-config", config.toString());

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err())
        .contains(
            "schemas.yaml:5:7: customChecks[0].params.schemaLocations: Bulwark's version of the"
                + " template \"kubeconform\" takes only strict, ignoreMissingSchemas, skipKinds,"
                + " rejectKinds");
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
