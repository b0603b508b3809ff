package dev.bulwark.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: webhook-config's output and usage errors. */
class AdmissionCommandTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AdmissionMain.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void webhookConfigRegistersTheServiceWithTheGeneratedCa(@TempDir Path tls) throws Exception {
    Run run =
        run(
            "admission-controller",
            "--tls-dir",
            tls.toString(),
            "webhook-config",
            "--exclude-namespace",
            "monitoring",
            "--resource",
            "example.com/v1/workers");

    assertThat(run.code()).as(run.err()).isZero();
    String ca =
        java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(tls.resolve("ca.crt")));
    assertThat(run.out())
        .startsWith(
            "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\n")
        .contains("  - name: validate.bulwark.dev\n")
        .contains("    sideEffects: None\n    matchPolicy: Equivalent\n    failurePolicy: Ignore\n")
        .contains("    timeoutSeconds: 10\n")
        .contains(
            "      service:\n"
                + "        namespace: bulwark\n"
                + "        name: bulwark-admission\n"
                + "        path: /validate\n"
                + "        port: 443\n")
        .contains("      caBundle: " + ca + "\n")
        .contains("          values: [kube-system, bulwark, monitoring]\n")
        .contains(
            "      - apiGroups: [\"apps\"]\n"
                + "        apiVersions: [\"v1\"]\n"
                + "        operations: [CREATE, UPDATE]\n"
                + "        resources: [\"deployments\"]\n")
        .contains("resources: [\"workers\"]")
        .contains(
            "        operations: [CONNECT]\n"
                + "        resources: [\"pods/exec\", \"pods/attach\", \"pods/portforward\"]\n");
  }

  @Test
  void badOptionsAreUsageErrors(@TempDir Path tls) {
    Run policy =
        run(
            "admission-controller",
            "--tls-dir",
            tls.toString(),
            "webhook-config",
            "--failure-policy",
            "Sometimes");
    Run resource =
        run(
            "admission-controller",
            "--tls-dir",
            tls.toString(),
            "webhook-config",
            "--resource",
            "workers");
    Run missing =
        run("admission-controller", "--missing-image-data", "maybe", "--tls-dir", tls.toString());
    Run unknownPolicy =
        run("admission-controller", "--enable", "no-such-policy", "--tls-dir", tls.toString());

    assertThat(policy.code()).isEqualTo(AdmissionMain.USAGE_OR_INPUT_ERROR);
    assertThat(policy.err()).contains("--failure-policy must be Ignore or Fail");
    assertThat(resource.code()).isEqualTo(AdmissionMain.USAGE_OR_INPUT_ERROR);
    assertThat(resource.err()).contains("expected GROUP/VERSION/RESOURCE");
    assertThat(missing.code()).isEqualTo(AdmissionMain.USAGE_OR_INPUT_ERROR);
    assertThat(missing.err()).contains("--missing-image-data must be open or closed");
    assertThat(unknownPolicy.code()).isEqualTo(AdmissionMain.USAGE_OR_INPUT_ERROR);
    assertThat(unknownPolicy.err()).contains("--enable no-such-policy: no such policy");
  }
}
