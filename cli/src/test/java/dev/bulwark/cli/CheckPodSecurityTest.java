package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static dev.bulwark.cli.CheckCommandTest.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark check} reports what the PodSecurity admission plugin will say, from the labels of
 * Namespaces in the input.
 */
class CheckPodSecurityTest {
  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: shop/web:1.4
                securityContext:
                  privileged: true
      """;

  private static final String PRIVILEGED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: debug
        namespace: shop
      spec:
        containers:
          - name: shell
            image: busybox:1.36
            securityContext:
              privileged: true
      """;

  private static Path write(Path dir, String namespaceLabels, String workload) throws IOException {
    String namespace =
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
        """
            + namespaceLabels.indent(4)
            + "---\n";
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, namespace + workload);
    return file;
  }

  @Test
  void enforceFindingsBlockAndNameTheLevelVersionAndCheck(@TempDir Path dir) throws IOException {
    Path file = write(dir, "pod-security.kubernetes.io/enforce: restricted", DEPLOYMENT);

    Run run = run("check", file.toString(), "--no-defaults", "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    List<JsonNode> enforce = violations(run.json(), "web", "pod-security-enforce");
    assertThat(enforce)
        .extracting(finding -> finding.get("controls").get(0).asText())
        .containsExactly(
            "pss:baseline:privileged",
            "pss:restricted:allowPrivilegeEscalation",
            "pss:restricted:capabilities_restricted",
            "pss:restricted:runAsNonRoot",
            "pss:restricted:seccompProfile_restricted");
    JsonNode privileged = enforce.get(0);
    assertThat(privileged.get("policy").asText()).isEqualTo("Pod Security admission (enforce)");
    assertThat(privileged.get("severity").asText()).isEqualTo("HIGH");
    assertThat(privileged.get("blocking").asBoolean()).isTrue();
    assertThat(privileged.get("message").asText())
        .startsWith(
            "restricted:latest check privileged fails: admission rejects the pods of this"
                + " Deployment: privileged: container \"web\" runs privileged");
    assertThat(privileged.get("file").asText()).isEqualTo(file.toString());
    assertThat(privileged.get("line").asInt()).isEqualTo(23);
    assertThat(privileged.get("path").asText())
        .isEqualTo("spec.template.spec.containers[0].securityContext.privileged");
    assertThat(violations(run.json(), "web", "pod-security-warn"))
        .as("warn follows enforce at the same level, so it adds nothing")
        .isEmpty();
  }

  @Test
  void warnFindingsDoNotBlockUnlessFailOnSaysSo(@TempDir Path dir) throws IOException {
    Path file = write(dir, "pod-security.kubernetes.io/warn: baseline", PRIVILEGED_POD);

    Run run = run("check", file.toString(), "--no-defaults", "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode warning = violations(run.json(), "debug", "pod-security-warn").get(0);
    assertThat(warning.get("blocking").asBoolean()).isFalse();
    assertThat(warning.get("severity").asText()).isEqualTo("MEDIUM");
    assertThat(warning.get("message").asText())
        .startsWith("baseline:latest check privileged fails: admission warns about the pod: ");
    assertThat(
            run("check", file.toString(), "--no-defaults", "-o", "json", "--fail-on", "medium")
                .exitCode())
        .isEqualTo(1);
  }

  @Test
  void theVersionLabelSelectsThePolicyVersion(@TempDir Path dir) throws IOException {
    String probe =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: probe, namespace: shop}
        spec:
          containers:
            - name: app
              image: app:1
              readinessProbe:
                tcpSocket: {host: 10.0.0.1, port: 80}
        """;
    Path old =
        write(
            dir,
            "pod-security.kubernetes.io/enforce: baseline\n"
                + "pod-security.kubernetes.io/enforce-version: v1.33",
            probe);
    Run atV133 = run("check", old.toString(), "--no-defaults", "-o", "json");
    assertThat(atV133.exitCode()).isZero();
    assertThat(violations(atV133.json(), "probe", "pod-security-enforce")).isEmpty();

    Path current = write(dir, "pod-security.kubernetes.io/enforce: baseline", probe);
    Run atLatest = run("check", current.toString(), "--no-defaults", "-o", "json");
    assertThat(atLatest.exitCode()).isEqualTo(1);
    assertThat(
            violations(atLatest.json(), "probe", "pod-security-enforce")
                .get(0)
                .get("controls")
                .get(0)
                .asText())
        .isEqualTo("pss:baseline:hostProbesAndHostLifecycle");
  }

  @Test
  void theExamplePaymentsNamespaceEnforcesRestrictedAndItsDeploymentComplies(@TempDir Path dir)
      throws IOException {
    Path example = Path.of("../examples/manifests/payments.yaml");
    Run compliant = run("check", example.toString(), "-o", "json");
    assertThat(violations(compliant.json(), "payments-api", "pod-security-enforce")).isEmpty();

    Path weakened = dir.resolve("payments.yaml");
    Files.writeString(
        weakened,
        Files.readString(example)
            .replace("        seccompProfile:\n          type: RuntimeDefault\n", ""));
    Run run = run("check", weakened.toString(), "-o", "json");
    JsonNode finding = violations(run.json(), "payments-api", "pod-security-enforce").get(0);
    assertThat(finding.get("controls").get(0).asText())
        .isEqualTo("pss:restricted:seccompProfile_restricted");
    assertThat(finding.get("blocking").asBoolean()).isTrue();
  }

  @Test
  void namespacesWithoutPodSecurityLabelsAddNothing(@TempDir Path dir) throws IOException {
    Path file = write(dir, "team: shop", DEPLOYMENT);

    Run run = run("check", file.toString(), "-o", "json");

    for (JsonNode result : run.json().get("results")) {
      for (JsonNode violation : result.get("violations")) {
        assertThat(violation.get("policyId").asText()).doesNotStartWith("pod-security-");
      }
    }
    assertThat(run("check", file.toString(), "-o", "sarif").out()).doesNotContain("pod-security-");
  }

  @Test
  void aPodThatEnforcementRejectsGetsNoWarningsButAWorkloadDoes(@TempDir Path dir)
      throws IOException {
    String labels =
        "pod-security.kubernetes.io/enforce: baseline\npod-security.kubernetes.io/warn: restricted";
    Run pod =
        run("check", write(dir, labels, PRIVILEGED_POD).toString(), "--no-defaults", "-o", "json");
    assertThat(violations(pod.json(), "debug", "pod-security-enforce")).hasSize(1);
    assertThat(violations(pod.json(), "debug", "pod-security-warn")).isEmpty();

    Run deployment =
        run("check", write(dir, labels, DEPLOYMENT).toString(), "--no-defaults", "-o", "json");
    assertThat(violations(deployment.json(), "web", "pod-security-enforce")).hasSize(1);
    assertThat(violations(deployment.json(), "web", "pod-security-warn")).hasSize(5);
  }

  @Test
  void unreadableLabelsAreNotedAndReadAsAdmissionReadsThem(@TempDir Path dir) throws IOException {
    Path file = write(dir, "pod-security.kubernetes.io/enforce: strict", PRIVILEGED_POD);

    Run run = run("check", file.toString(), "--no-defaults", "-o", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(
            violations(run.json(), "debug", "pod-security-enforce").get(0).get("message").asText())
        .startsWith("restricted:latest check privileged fails");
    assertThat(run.json().get("notes").get(0).get("message").asText())
        .isEqualTo(
            "namespace \"shop\": label pod-security.kubernetes.io/enforce: unknown Pod Security"
                + " level \"strict\": use privileged, baseline or restricted; admission uses"
                + " restricted");
  }

  @Test
  void sarifAndJunitListTheAdmissionPolicies(@TempDir Path dir) throws IOException {
    Path file = write(dir, "pod-security.kubernetes.io/enforce: baseline", DEPLOYMENT);
    assertThat(run("check", file.toString(), "--no-defaults", "-o", "sarif").out())
        .contains("\"id\": \"pod-security-enforce\"")
        .contains("\"ruleId\": \"pod-security-enforce\"");
    assertThat(run("check", file.toString(), "--no-defaults", "-o", "junit").out())
        .contains("name=\"Deployment shop/web: Pod Security admission (enforce)\"");
  }
}
