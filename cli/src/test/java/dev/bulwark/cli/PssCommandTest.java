package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark pss} end to end, in-process: both formats, exit codes and bad input. */
class PssCommandTest {
  private static final String HARDENED =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: hardened
        namespace: shop
      spec:
        securityContext:
          runAsNonRoot: true
          seccompProfile: {type: RuntimeDefault}
        containers:
          - name: app
            image: shop:1.4
            securityContext:
              allowPrivilegeEscalation: false
              capabilities: {drop: [ALL]}
      """;

  private static final String AGENT =
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: agent
        namespace: monitoring
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata:
            labels: {app: agent}
          spec:
            hostPID: true
            containers:
              - name: agent
                image: agent:2.1
                securityContext:
                  privileged: true
      """;

  private static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    return file;
  }

  @Test
  void jsonReportsEveryPodWithItsVerdictAndTheLinesOfFailedChecks(@TempDir Path dir)
      throws IOException {
    Path file = write(dir.resolve("pods.yaml"), HARDENED + "---\n" + AGENT);
    Run run = run("pss", "baseline", file.toString(), "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode report = run.json();
    assertThat(report.get("policy").get("level").asText()).isEqualTo("baseline");
    assertThat(report.get("policy").get("version").asText()).isEqualTo("latest");
    assertThat(report.get("policy").get("evaluatedVersion").asText()).isEqualTo("v1.37");
    JsonNode results = report.get("results");
    assertThat(results).hasSize(2);

    JsonNode hardened = results.get(0);
    assertThat(hardened.get("object").get("name").asText()).isEqualTo("hardened");
    assertThat(hardened.get("allowed").asBoolean()).isTrue();
    assertThat(hardened.get("failedChecks")).isEmpty();

    JsonNode agent = results.get(1);
    assertThat(agent.get("object").get("kind").asText()).isEqualTo("DaemonSet");
    assertThat(agent.get("object").get("namespace").asText()).isEqualTo("monitoring");
    assertThat(agent.get("object").get("file").asText()).isEqualTo(file.toString());
    assertThat(agent.get("object").get("line").asInt()).isEqualTo(17);
    assertThat(agent.get("level").asText()).isEqualTo("baseline");
    assertThat(agent.get("version").asText()).isEqualTo("latest");
    assertThat(agent.get("allowed").asBoolean()).isFalse();
    JsonNode hostNamespaces = agent.get("failedChecks").get(0);
    assertThat(hostNamespaces.get("id").asText()).isEqualTo("hostNamespaces");
    assertThat(hostNamespaces.get("message").asText()).contains("hostPID=true");
    assertThat(hostNamespaces.get("line").asInt()).isEqualTo(28);
    assertThat(hostNamespaces.get("path").asText()).isEqualTo("spec.template.spec.hostPID");
    JsonNode privileged = agent.get("failedChecks").get(1);
    assertThat(privileged.get("id").asText()).isEqualTo("privileged");
    assertThat(privileged.get("line").asInt()).isEqualTo(33);

    assertThat(report.get("summary").get("pods").asInt()).isEqualTo(2);
    assertThat(report.get("summary").get("allowed").asInt()).isEqualTo(1);
    assertThat(report.get("summary").get("denied").asInt()).isEqualTo(1);
    assertThat(report.get("errors")).isEmpty();
    assertThat(run.err()).contains("2 pods: 1 allowed, 1 denied, 0 errors");
  }

  @Test
  void tableShowsVerdictsFailedChecksAndTheSummary(@TempDir Path dir) throws IOException {
    Path file = write(dir.resolve("pods.yaml"), HARDENED + "---\n" + AGENT);
    Run run = run("pss", "restricted:v1.30", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("Pod Security Standards restricted:v1.30\n")
        .contains(file + ":1  Pod shop/hardened  allowed\n")
        .contains(file + ":17  DaemonSet monitoring/agent  DENIED\n")
        .contains("  privileged  privileged: container \"agent\" runs privileged")
        .contains("(" + file + ":33:")
        .endsWith("2 pods: 1 allowed, 1 denied, 0 errors\n");
  }

  @Test
  void aLowerLevelOrAnOlderVersionCanAllowWhatANewerOneDenies(@TempDir Path dir)
      throws IOException {
    Path file =
        write(
            dir.resolve("probe.yaml"),
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: probe}
            spec:
              containers:
                - name: app
                  image: app:1
                  livenessProbe:
                    httpGet: {host: metadata.internal, port: 80, path: /}
            """);
    assertThat(run("pss", "baseline:v1.33", file.toString()).exitCode()).isZero();
    Run latest = run("pss", "baseline", file.toString(), "-o", "json");
    assertThat(latest.exitCode()).isEqualTo(1);
    assertThat(latest.json().get("results").get(0).get("failedChecks").get(0).get("id").asText())
        .isEqualTo("hostProbesAndHostLifecycle");
    assertThat(run("pss", "privileged", file.toString()).exitCode()).isZero();
  }

  @Test
  void standardInputIsRead() throws IOException {
    InputStream original = System.in;
    try {
      System.setIn(new ByteArrayInputStream(AGENT.getBytes(StandardCharsets.UTF_8)));
      Run run = run("pss", "baseline", "-", "-o", "json");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.json().get("results").get(0).get("object").get("file").asText())
          .isEqualTo("<stdin>");
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void inputWithoutPodsPassesWithAWarning(@TempDir Path dir) throws IOException {
    Path file =
        write(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    Run run = run("pss", "restricted", file.toString(), "-o", "json");
    assertThat(run.exitCode()).isZero();
    assertThat(run.json().get("results")).isEmpty();
    assertThat(run.err()).contains("no pods or pod templates found");
  }

  @Test
  void anUnknownLevelIsAUsageError(@TempDir Path dir) throws IOException {
    Path file = write(dir.resolve("pod.yaml"), HARDENED);
    Run run = run("pss", "strict", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("unknown Pod Security level \"strict\": use privileged, baseline or restricted")
        .contains("Usage: bulwark pss");
  }

  @Test
  void aBadVersionIsAUsageError(@TempDir Path dir) throws IOException {
    Path file = write(dir.resolve("pod.yaml"), HARDENED);
    Run run = run("pss", "baseline:1.30", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown Pod Security version \"1.30\": use latest or v1.N");
  }

  @Test
  void anUnknownFormatIsAUsageError(@TempDir Path dir) throws IOException {
    Path file = write(dir.resolve("pod.yaml"), HARDENED);
    Run run = run("pss", "baseline", file.toString(), "-o", "sarif");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown output format \"sarif\": use table or json");
  }

  @Test
  void aMissingPathIsAnInputErrorAndTheOtherInputsAreStillEvaluated(@TempDir Path dir)
      throws IOException {
    Path good = write(dir.resolve("pod.yaml"), HARDENED);
    Path missing = dir.resolve("missing.yaml");
    Run run = run("pss", "restricted", good.toString(), missing.toString(), "-o", "json");
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode report = run.json();
    assertThat(report.get("results")).hasSize(1);
    assertThat(report.get("errors").get(0).get("file").asText()).isEqualTo(missing.toString());
    assertThat(report.get("errors").get(0).get("message").asText())
        .isEqualTo("no such file or directory");
    assertThat(run.err()).contains(missing + ": no such file or directory");
  }

  @Test
  void malformedYamlIsReportedWithItsPosition(@TempDir Path dir) throws IOException {
    Path bad = write(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: [x\n");
    Run run = run("pss", "baseline", bad.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .contains(bad + ":4:1: invalid YAML")
        .endsWith("0 pods: 0 allowed, 0 denied, 1 error\n");
  }

  @Test
  void aPathIsRequired() {
    Run run = run("pss", "baseline");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter").contains("PATH");
  }

  @Test
  void aRestrictedCheckNamesTheBaselineCheckItReplaces(@TempDir Path dir) throws IOException {
    Path file =
        write(
            dir.resolve("pod.yaml"),
            HARDENED.replace("capabilities: {drop: [ALL]}", "capabilities: {add: [SYS_ADMIN]}"));

    JsonNode failed =
        run("pss", "restricted:v1.30", file.toString(), "-o", "json")
            .json()
            .get("results")
            .get(0)
            .get("failedChecks");

    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).get("id").asText()).isEqualTo("capabilities_restricted");
    assertThat(failed.get(0).get("replaces").toString()).isEqualTo("[\"capabilities_baseline\"]");
    JsonNode baseline =
        run("pss", "baseline:v1.30", file.toString(), "-o", "json")
            .json()
            .get("results")
            .get(0)
            .get("failedChecks")
            .get(0);
    assertThat(baseline.get("id").asText()).isEqualTo("capabilities_baseline");
    assertThat(baseline.has("replaces")).isFalse();
  }
}
