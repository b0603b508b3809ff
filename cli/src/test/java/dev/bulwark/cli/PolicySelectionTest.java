package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.framework.Framework;
import dev.bulwark.policy.framework.Frameworks;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --framework}, {@code --enable} and {@code --disable} choose which policies run, and a
 * framework that decides its own defaults (kube-linter) decides which are on; the SARIF report
 * lists every policy that ran as a rule.
 */
class PolicySelectionTest {
  private static final String MANIFESTS = "../examples/manifests";

  @Test
  void frameworkKeepsOnlyPoliciesTaggedWithIt() throws IOException {
    JsonNode all = CheckCommandTest.run("check", MANIFESTS, "-o", "sarif").json();
    JsonNode cis =
        CheckCommandTest.run("check", MANIFESTS, "-o", "sarif", "--framework", "cis-k8s").json();

    List<String> cisPolicies = policyIds(cis);
    assertThat(cisPolicies).isNotEmpty().hasSizeLessThan(policyIds(all).size());
    for (JsonNode rule : rules(cis)) {
      assertThat(rule.get("properties").get("tags").toString()).contains("\"cis-k8s:");
    }
    assertThat(cisPolicies).contains("privileged-container").doesNotContain("latest-tag");
  }

  @Test
  void severalFrameworksSelectTheUnion() throws IOException {
    List<String> cis =
        policyIds(
            CheckCommandTest.run("check", MANIFESTS, "-o", "sarif", "--framework", "cis-k8s")
                .json());
    List<String> both =
        policyIds(
            CheckCommandTest.run(
                    "check",
                    MANIFESTS,
                    "-o",
                    "sarif",
                    "--framework",
                    "cis-k8s",
                    "--framework",
                    "kube-linter")
                .json());

    assertThat(both).containsAll(cis).contains("latest-tag");
  }

  @Test
  void unknownFrameworkIsAUsageErrorWithASuggestionAndTheKnownOnes() {
    Run run = CheckCommandTest.run("check", MANIFESTS, "--framework", "cis");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err())
        .contains("--framework cis: unknown framework; did you mean cis-k8s?; known: ")
        .contains("cis-k8s", "kube-linter", "pss");
  }

  @Test
  void kubeLinterFrameworkRunsExactlyKubeLintersDefaultChecks() throws IOException {
    Framework kubeLinter = Frameworks.byName("kube-linter").orElseThrow();
    List<String> expected =
        BuiltinPolicies.all().stream()
            .filter(kubeLinter::enablesByDefault)
            .map(Policy::id)
            .toList();

    List<String> ran =
        policyIds(
            CheckCommandTest.run("check", MANIFESTS, "-o", "sarif", "--framework", "kube-linter")
                .json());

    assertThat(ran).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(ran)
        .contains("latest-tag", "pod-anti-affinity", "run-as-root")
        .as("on in Bulwark, off by default in kube-linter")
        .doesNotContain("liveness-probe", "rbac-wildcard")
        .as("not a kube-linter check")
        .doesNotContain("host-port");
  }

  @Test
  void enableAddsOptInChecksToAFramework() throws IOException {
    List<String> ran =
        policyIds(
            CheckCommandTest.run(
                    "check",
                    MANIFESTS,
                    "-o",
                    "sarif",
                    "--framework",
                    "kube-linter",
                    "--enable",
                    "sorted-keys",
                    "--enable",
                    "host-port")
                .json());

    assertThat(ran).contains("sorted-keys", "host-port", "latest-tag");
  }

  @Test
  void optInBuiltInPoliciesAreOffUnlessEnabled() throws IOException {
    List<String> byDefault =
        policyIds(CheckCommandTest.run("check", MANIFESTS, "-o", "sarif").json());
    List<String> enabled =
        policyIds(
            CheckCommandTest.run("check", MANIFESTS, "-o", "sarif", "--enable", "minimum-replicas")
                .json());

    assertThat(byDefault)
        .doesNotContain("minimum-replicas", "sorted-keys")
        .contains("rbac-wildcard");
    assertThat(enabled).contains("minimum-replicas").doesNotContain("sorted-keys");
  }

  @Test
  void disableTurnsAPolicyOffAndEnableTurnsItBackOn() throws IOException {
    List<String> off =
        policyIds(
            CheckCommandTest.run("check", MANIFESTS, "-o", "sarif", "--disable", "latest-tag")
                .json());
    assertThat(off).doesNotContain("latest-tag").contains("privileged-container");

    List<String> byName =
        policyIds(
            CheckCommandTest.run(
                    "check", MANIFESTS, "-o", "sarif", "--disable", "Privileged container")
                .json());
    assertThat(byName).doesNotContain("privileged-container");
  }

  @Test
  void enableTurnsOnAPolicyThatIsOffByDefault(@TempDir Path dir) throws IOException {
    Path policy = dir.resolve("opt-in.yaml");
    Files.writeString(
        policy,
        """
        id: opt-in-host-network
        name: Host network (opt-in)
        disabled: true
        categories: [Network]
        lifecycleStages: [DEPLOY]
        severity: LOW_SEVERITY
        policySections:
        - policyGroups:
          - {fieldName: Host Network, values: [{value: "true"}]}
        """);

    Run byDefault =
        CheckCommandTest.run(
            "check", MANIFESTS, "-o", "sarif", "--no-defaults", "--policies", policy.toString());
    Run enabled =
        CheckCommandTest.run(
            "check",
            MANIFESTS,
            "-o",
            "sarif",
            "--no-defaults",
            "--policies",
            policy.toString(),
            "--enable",
            "opt-in-host-network");

    assertThat(policyIds(byDefault.json())).doesNotContain("opt-in-host-network");
    assertThat(policyIds(enabled.json())).contains("opt-in-host-network");
    assertThat(enabled.json().get("runs").get(0).get("results")).isNotEmpty();
  }

  @Test
  void podSecurityAdmissionFindingsFollowTheFrameworkAndDisableOptions() throws IOException {
    // payments.yaml labels its Namespace enforce=restricted, so admission is evaluated.
    String payments = MANIFESTS + "/payments.yaml";

    assertThat(policyIds(CheckCommandTest.run("check", payments, "-o", "sarif").json()))
        .contains("pod-security-enforce");
    assertThat(
            policyIds(
                CheckCommandTest.run("check", payments, "-o", "sarif", "--framework", "pss")
                    .json()))
        .contains("pod-security-enforce");
    assertThat(
            policyIds(
                CheckCommandTest.run("check", payments, "-o", "sarif", "--framework", "cis-k8s")
                    .json()))
        .doesNotContain("pod-security-enforce");
    assertThat(
            policyIds(
                CheckCommandTest.run(
                        "check", payments, "-o", "sarif", "--disable", "pod-security-enforce")
                    .json()))
        .doesNotContain("pod-security-enforce");
  }

  @Test
  void unknownPolicyIdIsAUsageErrorWithASuggestion() {
    Run run = CheckCommandTest.run("check", MANIFESTS, "--enable", "latest-tags");

    assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
    assertThat(run.err())
        .contains("--enable latest-tags: no such policy; did you mean latest-tag?");
  }

  /** The policies a run evaluated: SARIF lists every one as a rule of the tool. */
  private static List<String> policyIds(JsonNode sarif) {
    List<String> ids = new ArrayList<>();
    rules(sarif).forEach(rule -> ids.add(rule.get("id").asText()));
    return ids;
  }

  private static JsonNode rules(JsonNode sarif) {
    return sarif.get("runs").get(0).get("tool").get("driver").get("rules");
  }
}
