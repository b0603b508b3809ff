package dev.bulwark.policy.engine;

import static dev.bulwark.policy.engine.TestWorkloads.container;
import static dev.bulwark.policy.engine.TestWorkloads.context;
import static dev.bulwark.policy.engine.TestWorkloads.input;
import static dev.bulwark.policy.engine.TestWorkloads.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.Exclusion;
import dev.bulwark.policy.model.LabelSelector;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import dev.bulwark.policy.model.Scope;
import dev.bulwark.policy.model.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * StackRox's 89 default policies (conformance data) compile unchanged and fire as StackRox's do.
 * The JSON is mapped here with a minimal test-only reader, independent of the policy reader.
 */
class StackRoxDefaultsCompileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static List<Policy> defaults = List.of();

  @BeforeAll
  static void readDefaults() throws IOException {
    Path directory =
        Path.of(System.getProperty("bulwark.conformance.dir", "../../shared/conformance"))
            .resolve("stackrox-policies");
    if (!Files.isDirectory(directory)) {
      assertThat("true".equals(System.getenv("CI")))
          .as("conformance data missing at %s", directory)
          .isFalse();
      assumeTrue(false, "conformance data missing at " + directory);
    }
    try (Stream<Path> files = Files.list(directory)) {
      defaults =
          files
              .filter(file -> file.toString().endsWith(".json"))
              .sorted()
              .map(StackRoxDefaultsCompileTest::read)
              .toList();
    }
  }

  @Test
  void everyDefaultPolicyCompiles() {
    CompiledPolicySet compiled = PolicyCompiler.compile(defaults, List.of());

    assertThat(compiled.policies()).hasSize(89);
  }

  @Test
  void aRiskyDeploymentTriggersTheMatchingDefaults() {
    Workload risky =
        workload()
            .namespace("shop")
            .hostNetwork(true)
            .volume("sock", "hostPath", "/var/run/docker.sock")
            .container(
                container("app")
                    .image("nginx:latest")
                    .privileged(true)
                    .allowPrivilegeEscalation(true)
                    .port(80, "TCP", 80)
                    .port(22, "TCP")
                    .env("DB_PASSWORD", "hunter2", EnvVar.Source.RAW)
                    .mount("sock", "/var/run/docker.sock", false))
            .build();

    Map<String, PolicyOutcome.Status> outcomes = evaluate(risky);

    assertThat(outcomes)
        .containsEntry("Privileged Container", PolicyOutcome.Status.VIOLATED)
        .containsEntry("Latest tag", PolicyOutcome.Status.VIOLATED)
        .containsEntry("Container with privilege escalation allowed", PolicyOutcome.Status.VIOLATED)
        .containsEntry("Environment Variable Contains Secret", PolicyOutcome.Status.VIOLATED)
        .containsEntry("Mount Container Runtime Socket", PolicyOutcome.Status.VIOLATED)
        .containsEntry("Mounting Sensitive Host Directories", PolicyOutcome.Status.VIOLATED)
        .containsEntry("No CPU request or memory limit specified", PolicyOutcome.Status.VIOLATED)
        .containsEntry("Secure Shell (ssh) Port Exposed", PolicyOutcome.Status.VIOLATED)
        .containsEntry(
            "Docker CIS 5.7: Ensure privileged ports are not mapped within containers",
            PolicyOutcome.Status.VIOLATED)
        .containsEntry(
            "Docker CIS 5.9 and 5.20: Ensure that the host's network namespace is not shared",
            PolicyOutcome.Status.VIOLATED)
        .containsEntry(
            "Pod Service Account Token Automatically Mounted", PolicyOutcome.Status.VIOLATED)
        .containsEntry(
            "Log4Shell: log4j Remote Code Execution vulnerability",
            PolicyOutcome.Status.NOT_EVALUATED);
  }

  @Test
  void aHardenedDeploymentViolatesNoEnabledDeployDefault() {
    Workload hardened =
        workload()
            .namespace("shop")
            .serviceAccount("web")
            .automount(false)
            .container(
                container("app")
                    .image("registry.example.com/shop/web:1.4.2")
                    .privileged(false)
                    .allowPrivilegeEscalation(false)
                    .readOnlyRootFilesystem(true)
                    .drop("ALL")
                    .seccomp("RUNTIME_DEFAULT")
                    .appArmor("runtime/default")
                    .resources(0.25, 1.0, 128.0, 256.0)
                    .port(8080, "TCP"))
            .build();

    Map<String, PolicyOutcome.Status> outcomes = evaluate(hardened);

    assertThat(outcomes).doesNotContainValue(PolicyOutcome.Status.VIOLATED);
  }

  @Test
  void kubeSystemIsExcludedWhereTheDefaultsSaySo() {
    Workload privilegedInKubeSystem =
        workload().namespace("kube-system").container(container("app").privileged(true)).build();

    assertThat(evaluate(privilegedInKubeSystem)).doesNotContainKey("Privileged Container");
  }

  private static Map<String, PolicyOutcome.Status> evaluate(Workload workload) {
    CompiledPolicySet compiled = PolicyCompiler.compile(defaults, List.of());
    List<PolicyOutcome> outcomes =
        compiled.evaluate(
            input(
                workload,
                context().automount(workload.automountServiceAccountToken()).build(),
                ImageDataProvider.NONE),
            LifecycleStage.DEPLOY);
    Map<String, PolicyOutcome.Status> byName = new TreeMap<>();
    for (PolicyOutcome outcome : outcomes) {
      byName.put(outcome.policy().policy().name(), outcome.status());
    }
    return byName;
  }

  private static Policy read(Path file) {
    try {
      return policy(JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Policy policy(JsonNode json) {
    List<PolicySection> sections = new ArrayList<>();
    for (JsonNode section : json.path("policySections")) {
      List<PolicyGroup> groups = new ArrayList<>();
      for (JsonNode group : section.path("policyGroups")) {
        List<String> values = new ArrayList<>();
        group.path("values").forEach(value -> values.add(value.path("value").asText()));
        groups.add(
            new PolicyGroup(
                group.path("fieldName").asText(),
                BooleanOperator.valueOf(group.path("booleanOperator").asText("OR")),
                group.path("negate").asBoolean(false),
                values));
      }
      sections.add(new PolicySection(section.path("sectionName").asText(""), groups));
    }
    List<Exclusion> exclusions = new ArrayList<>();
    for (JsonNode exclusion : json.path("exclusions")) {
      JsonNode deployment = exclusion.path("deployment");
      exclusions.add(
          new Exclusion(
              exclusion.path("name").asText(""),
              deployment.isMissingNode()
                  ? null
                  : new Exclusion.Deployment(
                      text(deployment, "name"), scope(deployment.path("scope"))),
              text(exclusion.path("image"), "name"),
              null));
    }
    List<Scope> scopes = new ArrayList<>();
    json.path("scope").forEach(scope -> scopes.add(scope(scope)));
    List<LifecycleStage> stages = new ArrayList<>();
    json.path("lifecycleStages")
        .forEach(stage -> stages.add(LifecycleStage.valueOf(stage.asText())));
    List<String> categories = new ArrayList<>();
    json.path("categories").forEach(category -> categories.add(category.asText()));
    return new Policy(
        json.path("id").asText(),
        json.path("name").asText(),
        json.path("description").asText(""),
        json.path("rationale").asText(""),
        json.path("remediation").asText(""),
        json.path("disabled").asBoolean(false),
        categories,
        stages,
        EventSource.valueOf(json.path("eventSource").asText("NOT_APPLICABLE")),
        exclusions,
        scopes,
        Severity.valueOf(json.path("severity").asText().replace("_SEVERITY", "")),
        List.of(),
        List.of(),
        json.path("policyVersion").asText(),
        sections,
        List.of(),
        true,
        true,
        true,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static @Nullable Scope scope(JsonNode scope) {
    if (scope.isMissingNode()) {
      return null;
    }
    JsonNode label = scope.path("label");
    return new Scope(
        text(scope, "cluster"),
        text(scope, "namespace"),
        label.isMissingNode()
            ? null
            : new LabelSelector(label.path("key").asText(""), label.path("value").asText("")),
        null,
        null);
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() ? null : value.asText();
  }
}
