package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bulwark check} end to end, in-process, on the sample manifests and on bad input. */
class CheckCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXAMPLES = "../examples";

  record Run(int exitCode, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  static List<JsonNode> violations(JsonNode report, String objectName, String policyId) {
    return violations(report, "", objectName, policyId);
  }

  static List<JsonNode> violations(
      JsonNode report, String kind, String objectName, String policyId) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode result : report.get("results")) {
      JsonNode object = result.get("object");
      if (object.get("name").asText().equals(objectName)
          && (kind.isEmpty() || object.get("kind").asText().equals(kind))) {
        for (JsonNode violation : result.get("violations")) {
          if (violation.get("policyId").asText().equals(policyId)) {
            found.add(violation);
          }
        }
      }
    }
    return found;
  }

  @Test
  void examplesShowRealFindingsAtTheirLines() throws IOException {
    Run run = run("check", EXAMPLES + "/manifests", "-o", "json");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode report = run.json();
    JsonNode privileged = violations(report, "node-agent", "privileged-container").get(0);
    assertThat(privileged.get("file").asText()).isEqualTo(EXAMPLES + "/manifests/node-agent.yaml");
    assertThat(privileged.get("line").asInt()).isEqualTo(22);
    assertThat(privileged.get("column").asInt()).isEqualTo(13);
    assertThat(privileged.get("path").asText())
        .isEqualTo("spec.template.spec.containers[0].securityContext.privileged");
    assertThat(privileged.get("blocking").asBoolean()).isTrue();
    assertThat(privileged.get("severity").asText()).isEqualTo("HIGH");
    assertThat(privileged.get("message").asText()).contains("agent");
    assertThat(privileged.get("controls").toString()).contains("cis-k8s:5.2.2");

    JsonNode secret = violations(report, "payments-api", "secret-in-environment").get(0);
    assertThat(secret.get("message").asText()).contains("DB_PASSWORD").doesNotContain("hunter2");
    assertThat(secret.get("line").asInt()).isEqualTo(43);

    assertThat(violations(report, "ops-bot", "cluster-admin-service-account")).hasSize(1);
    assertThat(violations(report, "checkout", "privilege-escalation")).isNotEmpty();
    JsonNode latest = violations(report, "checkout", "latest-tag").get(0);
    assertThat(latest.get("waived").asBoolean()).isTrue();
    assertThat(latest.get("blocking").asBoolean()).isFalse();
    assertThat(latest.get("waiver").get("reason").asText()).contains("SHOP-412");

    JsonNode summary = report.get("summary");
    assertThat(summary.get("objects").asInt()).isEqualTo(10);
    assertThat(summary.get("errors").asInt()).isZero();
    assertThat(summary.get("blocking").asInt()).isPositive();
  }

  @Test
  void exceptionsWaiveAndAreReportedAsWaived() throws IOException {
    Run run =
        run(
            "check",
            EXAMPLES + "/manifests/node-agent.yaml",
            "--exceptions",
            EXAMPLES + "/policies/exceptions.yaml",
            "-o",
            "json");
    JsonNode hostNetwork = violations(run.json(), "node-agent", "host-network").get(0);
    assertThat(hostNetwork.get("waived").asBoolean()).isTrue();
    assertThat(hostNetwork.get("blocking").asBoolean()).isFalse();
    assertThat(hostNetwork.get("waiver").get("owner").asText())
        .isEqualTo("platform-team@example.com");
    assertThat(hostNetwork.get("waiver").get("ticket").asText()).isEqualTo("PLAT-1287");
    assertThat(
            violations(run.json(), "node-agent", "privileged-container")
                .get(0)
                .get("waived")
                .asBoolean())
        .isFalse();
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void cleanInputExitsZero(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ok.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          level: info
        """);
    Run run = run("check", file.toString(), "-o", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.json().get("summary").get("objects").asInt()).isEqualTo(1);
    assertThat(run.json().get("summary").get("violations").asInt()).isZero();
  }

  @Test
  void yamlOneOneBooleansAreReadAsKubernetesReadsThem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sneaky.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: sneaky
        spec:
          hostNetwork: on
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                privileged: yes
        """);
    JsonNode report = run("check", file.toString(), "-o", "json").json();
    assertThat(violations(report, "sneaky", "privileged-container"))
        .as("kubectl sends privileged: yes as true")
        .hasSize(1);
    assertThat(violations(report, "sneaky", "host-network")).hasSize(1);
  }

  @Test
  void inputWithoutObjectsPassesWithAWarning(@TempDir Path dir) {
    Run run = run("check", dir.toString(), "-o", "json");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("no Kubernetes objects found");
  }

  @Test
  void failOnTurnsSeverityIntoBlocking(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latest.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
            - name: app
              image: nginx:1.27
        """);
    assertThat(run("check", file.toString(), "-o", "json").exitCode()).isZero();
    assertThat(run("check", file.toString(), "-o", "json", "--fail-on", "medium").exitCode())
        .isEqualTo(1);
    assertThat(run("check", file.toString(), "--fail-on", "urgent").exitCode()).isEqualTo(2);
  }

  @Test
  void malformedInputIsReportedWithPositionAndTheRestIsStillChecked(@TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("a-bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [x\n");
    Files.writeString(
        dir.resolve("b-good.yaml"),
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: good
        spec:
          hostNetwork: true
          containers:
            - name: app
              image: nginx:1.27
        """);
    Run run = run("check", dir.toString(), "-o", "json");
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode report = run.json();
    JsonNode error = report.get("errors").get(0);
    assertThat(error.get("file").asText()).endsWith("a-bad.yaml");
    assertThat(error.get("line").asInt()).isPositive();
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(violations(report, "good", "host-network")).hasSize(1);
  }

  @Test
  void invalidPolicyIsAUsageErrorNamingThePolicyAndField(@TempDir Path dir) throws IOException {
    Path policy = dir.resolve("bad.json");
    Files.writeString(
        policy,
        """
        {"name": "Broken policy", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
         "severity": "HIGH_SEVERITY", "policyVersion": "1.1",
         "policySections": [{"policyGroups": [{"fieldName": "Privileged", "values": [{"value": "true"}]}]}]}
        """);
    Run run = run("check", EXAMPLES + "/manifests", "--policies", policy.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Broken policy").contains("Privileged Container");
  }

  @Test
  void customStackRoxPolicyWithCelRuleApplies() throws IOException {
    Run run =
        run(
            "check",
            EXAMPLES + "/manifests",
            "--no-defaults",
            "--policies",
            EXAMPLES + "/policies/no-public-registries.json",
            "-o",
            "json");
    JsonNode report = run.json();
    assertThat(violations(report, "Deployment", "payments-api", "acme-approved-registries"))
        .as("fluent-bit comes from Docker Hub")
        .hasSize(1);
    assertThat(violations(report, "node-agent", "acme-approved-registries")).hasSize(1);
    assertThat(violations(report, "checkout", "acme-approved-registries")).isEmpty();
    List<JsonNode> service =
        violations(report, "Service", "payments-api", "acme-approved-registries");
    assertThat(service).hasSize(1);
    assertThat(service.get(0).get("message").asText()).contains("edge namespace");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void standardInputIsRead() throws IOException {
    InputStream original = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              """
              apiVersion: v1
              kind: Pod
              metadata: {name: from-stdin}
              spec:
                hostPID: true
                containers: [{name: app, image: "nginx:1.27"}]
              """
                  .getBytes(StandardCharsets.UTF_8)));
      Run run = run("check", "-", "-o", "json");
      JsonNode hostPid = violations(run.json(), "from-stdin", "host-pid").get(0);
      assertThat(hostPid.get("file").asText()).isEqualTo("<stdin>");
      assertThat(hostPid.get("line").asInt()).isEqualTo(5);
      assertThat(run.exitCode()).isEqualTo(1);
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void helmFindingsNameTheTemplate() throws IOException {
    Run run =
        run(
            "check",
            EXAMPLES + "/helm/shop",
            "--set",
            "debug=true",
            "-o",
            "json",
            "--no-defaults",
            "--policies",
            "../policy/src/main/resources/dev/bulwark/policy/builtin/privileged-container.json");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode privileged =
        violations(run.json(), "release-storefront", "privileged-container").get(0);
    assertThat(privileged.get("file").asText()).endsWith("helm/shop/templates/deployment.yaml");
    assertThat(privileged.get("line").asInt()).isEqualTo(22);
    assertThat(
            run(
                    "check",
                    EXAMPLES + "/helm/shop",
                    "-o",
                    "json",
                    "--no-defaults",
                    "--policies",
                    "../policy/src/main/resources/dev/bulwark/policy/builtin/privileged-container.json")
                .exitCode())
        .isZero();
  }

  @Test
  void unknownFormatAndMissingPathAreUsageErrors() {
    assertThat(run("check", EXAMPLES, "-o", "yaml").exitCode()).isEqualTo(2);
    Run missing = run("check", "no/such/dir", "-o", "json");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(run("check").exitCode()).isEqualTo(2);
  }
}
