package dev.bulwark.cli;

import static dev.bulwark.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.CheckCommandTest.Run;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bulwark policy} end to end, in-process: list, show, validate, export and docs. */
class PolicyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CUSTOM_POLICY = "../examples/policies/no-public-registries.json";

  private static final String UNKNOWN_FIELD_POLICY =
      """
      {"name": "Broken policy", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
       "severity": "HIGH_SEVERITY", "policyVersion": "1.1",
       "policySections": [{"policyGroups": [{"fieldName": "Privileged", "values": [{"value": "true"}]}]}]}
      """;

  private static final String BROKEN_RULE_POLICY =
      """
      {"name": "Broken rule", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
       "severity": "HIGH_SEVERITY", "policyVersion": "1.1",
       "policySections": [{"policyGroups": [{"fieldName": "Privileged Container", "values": [{"value": "true"}]}]}],
       "rules": [{"name": "kind-check", "expression": "object.kind == ", "message": "m"}]}
      """;

  @Test
  void listShowsAHeaderAndEveryBuiltInPolicy() {
    Run run = run("policy", "list");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.getFirst().split(" +"))
        .containsExactly("ID", "SEVERITY", "STAGES", "ENFORCED", "NAME");
    List<String> ids = lines.stream().skip(1).map(line -> line.split(" ")[0]).toList();
    assertThat(ids).containsExactlyElementsOf(BuiltinPolicies.IDS);
    assertThat(lines)
        .anySatisfy(line ->
            assertThat(line.split(" {2,}"))
                .containsExactly(
                    "privileged-container", "HIGH", "deploy", "yes", "Privileged container"));
  }

  @Test
  void listWithoutDefaultsShowsOnlyTheGivenPolicies() {
    Run run = run("policy", "list", "--no-defaults", "--policies", CUSTOM_POLICY);
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).split(" {2,}"))
        .containsExactly(
            "acme-approved-registries",
            "HIGH",
            "deploy",
            "yes",
            "Images from approved registries only");
  }

  @ParameterizedTest
  @ValueSource(strings = {"privileged-container", "Privileged container", "PRIVILEGED CONTAINER"})
  void showPrintsOnePolicyAsJson(String wanted) throws IOException {
    Run run = run("policy", "show", wanted);
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode policy = JSON.readTree(run.out());
    assertThat(policy.get("id").asText()).isEqualTo("privileged-container");
    assertThat(policy.get("name").asText()).isEqualTo("Privileged container");
    assertThat(policy.get("severity").asText()).isEqualTo("HIGH_SEVERITY");
    assertThat(policy.get("controls").toString()).contains("\"cis-k8s:5.2.2\"");
  }

  @Test
  void showOfAnUnknownPolicyIsAUsageErrorNamingIt() {
    Run run = run("policy", "show", "no-such-policy");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("\"no-such-policy\"").contains("bulwark policy list");
  }

  @Test
  void validateAcceptsEveryStackRoxPolicy() {
    Path policies = Conformance.path("stackrox-policies");
    Run run = run("policy", "validate", policies.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("89 policies valid");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validateRejectsAnUnknownFieldNamingThePolicyFieldAndReason(@TempDir Path dir)
      throws IOException {
    Path file = write(dir.resolve("broken.json"), UNKNOWN_FIELD_POLICY);
    Run run = run("policy", "validate", file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            file
                + ":3:39: policy \"Broken policy\": policySections[0].policyGroups[0]: unknown"
                + " field \"Privileged\"; did you mean \"Privileged Container\"?")
        .contains("1 problem(s) found");
  }

  @Test
  void validateRejectsABrokenCelRuleWithItsPositionAndFile(@TempDir Path dir) throws IOException {
    Path file = write(dir.resolve("rules/broken-rule.json"), BROKEN_RULE_POLICY);
    Run run = run("policy", "validate", dir.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(file + ": policy \"Broken rule\": rules[0].expression: 1:16: ")
        .contains("1 problem(s) found");
  }

  @Test
  void validateReportsTheProblemsOfEveryPath(@TempDir Path dir) throws IOException {
    Path unknownField = write(dir.resolve("a.json"), UNKNOWN_FIELD_POLICY);
    Path brokenRule = write(dir.resolve("b.json"), BROKEN_RULE_POLICY);
    Run run =
        run("policy", "validate", unknownField.toString(), CUSTOM_POLICY, brokenRule.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(unknownField + ":3:39: policy \"Broken policy\"")
        .contains(brokenRule + ": policy \"Broken rule\"")
        .contains("2 problem(s) found");
  }

  @Test
  void validateOfAMissingPathIsAUsageErrorNamingIt() {
    Run run = run("policy", "validate", "no/such/policies");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no/such/policies: no such file or directory");
  }

  @Test
  void stackRoxExportReadsBackToTheSamePolicies() {
    Run run = run("policy", "export", "--bulwark-extensions");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(PolicyReader.parse(run.out(), "export")).isEqualTo(BuiltinPolicies.all());
  }

  @Test
  void stackRoxExportOfStackRoxPoliciesReadsBackUnchanged() {
    Path policies = Conformance.path("stackrox-policies");
    Run run =
        run(
            "policy",
            "export",
            "--no-defaults",
            "--policies",
            policies.toString(),
            "--format",
            "stackrox");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<Policy> exported = PolicyReader.parse(run.out(), "export");
    assertThat(exported).hasSize(89).isEqualTo(PolicyReader.read(policies));
  }

  @Test
  void crdExportIsSecurityPolicyResourcesThatReadBack() {
    Run run = run("policy", "export", "--format", "crd", "--bulwark-extensions");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<ManifestObject> documents = readManifests(run.out());
    assertThat(documents).hasSize(BuiltinPolicies.IDS.size());
    assertThat(documents)
        .allSatisfy(document -> {
          assertThat(document.apiVersion()).isEqualTo("config.stackrox.io/v1alpha1");
          assertThat(document.kind()).isEqualTo("SecurityPolicy");
          assertThat(document.name()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        });
    assertThat(PolicyReader.parse(run.out(), "export.yaml")).isEqualTo(BuiltinPolicies.all());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stackrox", "crd"})
  void bulwarkExtensionsKeepControlsAndRules(String format) {
    Run run =
        run(
            "policy",
            "export",
            "--no-defaults",
            "--policies",
            CUSTOM_POLICY,
            "--format",
            format,
            "--bulwark-extensions");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Policy policy = PolicyReader.parse(run.out(), "export").getFirst();
    assertThat(policy.controls()).containsExactly("acme:supply-chain-1");
    assertThat(policy.rules()).hasSize(1);
    assertThat(policy.rules().getFirst().name()).isEqualTo("no-load-balancers-outside-edge");
    assertThat(policy).isEqualTo(PolicyReader.read(Path.of(CUSTOM_POLICY)).getFirst());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stackrox", "crd"})
  void withoutBulwarkExtensionsControlsAndRulesAreDropped(String format) {
    Run run =
        run("policy", "export", "--no-defaults", "--policies", CUSTOM_POLICY, "--format", format);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("controls").doesNotContain("rules");
    Policy policy = PolicyReader.parse(run.out(), "export").getFirst();
    assertThat(policy.controls()).isEmpty();
    assertThat(policy.rules()).isEmpty();
    assertThat(policy.name()).isEqualTo("Images from approved registries only");
    assertThat(policy.sections()).hasSize(1);
  }

  @Test
  void exportWritesToAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("policies.json");
    Run run = run("policy", "export", "--bulwark-extensions", "--output", file.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(PolicyReader.read(file)).isEqualTo(BuiltinPolicies.all());
  }

  @Test
  void exportToAnUnknownFormatIsAUsageError() {
    Run run = run("policy", "export", "--format", "xml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("\"xml\"").contains("stackrox or crd");
  }

  @Test
  void docsPrintThePolicyReference() throws IOException {
    Run run = run("policy", "docs");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(Files.readString(Path.of("../docs/policies.md"), StandardCharsets.UTF_8));
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static List<ManifestObject> readManifests(String yaml) {
    List<ManifestObject> objects = new ArrayList<>();
    List<ManifestError> errors = new ArrayList<>();
    new ManifestReader(ReadLimits.DEFAULT)
        .read(
            TextSource.direct("export.yaml", yaml),
            new ManifestSink() {
              @Override
              public void object(ManifestObject object) {
                objects.add(object);
              }

              @Override
              public void error(ManifestError error) {
                errors.add(error);
              }
            });
    assertThat(errors).as("%s", errors).isEmpty();
    return objects;
  }
}
