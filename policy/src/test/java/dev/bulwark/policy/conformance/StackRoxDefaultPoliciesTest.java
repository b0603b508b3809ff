package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.policy.engine.CompiledPolicy;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import dev.bulwark.policy.model.PolicySection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Import compatibility with StackRox: all 89 default policies load unchanged; every deploy-time one
 * decides its fixture ({@code stackrox-fixtures/<policy file stem>.yaml}) as StackRox would; the
 * image-dependent ones report that they need image data, and decide once a scan is supplied.
 */
class StackRoxDefaultPoliciesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyDefaultPolicyLoadsUnchanged() throws IOException {
    List<Policy> all = PolicyReader.read(DefaultPolicies.directory());

    assertThat(all).hasSize(89);
    assertThat(all.stream().map(Policy::name).distinct()).hasSize(89);
    Map<String, Policy> byId =
        all.stream().collect(Collectors.toMap(Policy::id, Function.identity()));
    assertThat(byId).hasSize(89);
    for (Path file : DefaultPolicies.files()) {
      JsonNode raw = JSON.readTree(Files.readString(file));
      Policy policy = byId.get(raw.path("id").asText());
      assertThat(policy).as("policy of %s", file.getFileName()).isNotNull();
      assertSameAsJson(file.getFileName().toString(), raw, Objects.requireNonNull(policy));
    }
  }

  @Test
  void defaultPoliciesSpanTheExpectedStages() {
    Map<String, Long> byStages =
        DefaultPolicies.byStem().values().stream()
            .collect(
                Collectors.groupingBy(
                    policy ->
                        policy.lifecycleStages().stream()
                            .sorted()
                            .map(LifecycleStage::name)
                            .collect(Collectors.joining("+")),
                    Collectors.counting()));

    assertThat(byStages)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("DEPLOY", 32L, "BUILD+DEPLOY", 20L, "RUNTIME", 36L, "BUILD", 1L));
    assertThat(DefaultPolicies.byStem().values().stream().filter(Policy::disabled)).hasSize(26);
  }

  @Test
  void everyDeployPolicyHasAFixtureThatFiresAndOneThatDoesNot() {
    Map<String, Policy> policies = DefaultPolicies.byStem();
    List<String> deployStems =
        policies.entrySet().stream()
            .filter(entry -> DefaultPolicies.isDeployTime(entry.getValue()))
            .map(Map.Entry::getKey)
            .toList();

    assertThat(deployStems).hasSize(52);
    for (String stem : deployStems) {
      List<Expectation> declared =
          Fixture.read(stem).objects().stream()
              .map(Expectation::declaredBy)
              .flatMap(Optional::stream)
              .toList();
      Expectation positive =
          DefaultPolicies.needsImageData(Objects.requireNonNull(policies.get(stem)))
              ? Expectation.UNKNOWN
              : Expectation.FIRE;
      assertThat(declared).as("expectations in %s.yaml", stem).contains(positive);
      assertThat(declared).as("expectations in %s.yaml", stem).contains(Expectation.DONT_FIRE);
    }
    assertThat(fixtureStems()).as("fixtures without a deploy-time policy").isSubsetOf(deployStems);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployPolicies")
  void deployPolicyDecidesItsFixtureLikeStackRox(String stem, Policy policy) {
    CompiledPolicySet compiled =
        PolicyCompiler.compile(List.of(DefaultPolicies.enabled(policy)), List.of());

    List<String> mismatches =
        Fixture.read(stem).mismatches(compiled, ImageDataProvider.NONE, Expectation::declaredBy);

    assertThat(mismatches).as("%s (%s)", policy.name(), stem).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("imagePolicies")
  void imagePolicyDecidesOnceScanDataIsKnown(String stem, Policy policy) {
    CompiledPolicySet compiled =
        PolicyCompiler.compile(List.of(DefaultPolicies.enabled(policy)), List.of());

    List<String> mismatches =
        Fixture.read(stem).mismatches(compiled, new ImageCatalog(), Expectation::withImageData);

    assertThat(mismatches).as("%s (%s) with image data", policy.name(), stem).isEmpty();
  }

  @Test
  void log4ShellFiresWhenTheScanFindsTheCve() {
    Policy log4shell = Objects.requireNonNull(DefaultPolicies.byStem().get("log4shell"));
    CompiledPolicySet compiled =
        PolicyCompiler.compile(List.of(DefaultPolicies.enabled(log4shell)), List.of());
    Fixture fixture = Fixture.read("log4shell");
    ManifestObject vulnerable = objectNamed(fixture, "unknown-vulnerable-image");
    ManifestObject clean = objectNamed(fixture, "unknown-clean-image");
    ImageDataProvider scans = new ImageCatalog();

    List<PolicyOutcome> withoutScan =
        fixture.evaluate(compiled, vulnerable, ImageDataProvider.NONE);
    List<PolicyOutcome> withScan = fixture.evaluate(compiled, vulnerable, scans);

    assertThat(withoutScan)
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.NOT_EVALUATED);
          assertThat(outcome.reason()).contains("image data");
        });
    assertThat(withScan)
        .singleElement()
        .satisfies(outcome -> {
          assertThat(outcome.status()).isEqualTo(PolicyOutcome.Status.VIOLATED);
          assertThat(outcome.violations()).isNotEmpty();
          assertThat(outcome.violations().getFirst().message()).contains("CVE-2021-44228");
        });
    assertThat(fixture.evaluate(compiled, clean, scans)).isEmpty();
  }

  @Test
  void runtimePoliciesCompileAndStaySilentAtDeployTime() {
    List<Policy> runtimeOnly =
        DefaultPolicies.byStem().values().stream()
            .filter(policy -> !DefaultPolicies.isDeployTime(policy))
            .filter(policy -> policy.hasStage(LifecycleStage.RUNTIME))
            .map(DefaultPolicies::enabled)
            .toList();
    assertThat(runtimeOnly).hasSize(36);

    CompiledPolicySet compiled = PolicyCompiler.compile(runtimeOnly, List.of());

    assertThat(compiled.policies()).hasSize(36);
    assertThat(compiled.policies()).allMatch(CompiledPolicy::hasRuntimeCriteria);
    Fixture fixture = Fixture.read("privileged");
    for (ManifestObject object : fixture.objects()) {
      assertThat(fixture.evaluate(compiled, object, ImageDataProvider.NONE))
          .as("DEPLOY outcomes of runtime policies for %s", object.displayName())
          .isEmpty();
    }
  }

  @Test
  void allDefaultPoliciesCompileTogether() {
    List<Policy> all =
        DefaultPolicies.byStem().values().stream().map(DefaultPolicies::enabled).toList();

    CompiledPolicySet compiled = PolicyCompiler.compile(all, List.of());

    assertThat(compiled.policies()).hasSize(89);
    assertThat(compiled.policies().stream().filter(CompiledPolicy::requiresImageData))
        .hasSize(
            (int)
                DefaultPolicies.byStem().values().stream()
                    .filter(DefaultPolicies::needsImageData)
                    .count());
  }

  static Stream<Arguments> deployPolicies() {
    return deployEntries().map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
  }

  static Stream<Arguments> imagePolicies() {
    return deployEntries()
        .filter(entry -> DefaultPolicies.needsImageData(entry.getValue()))
        .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
  }

  private static Stream<Map.Entry<String, Policy>> deployEntries() {
    return DefaultPolicies.byStem().entrySet().stream()
        .filter(entry -> DefaultPolicies.isDeployTime(entry.getValue()));
  }

  private static Set<String> fixtureStems() {
    try (Stream<Path> listing = Files.list(Fixture.directory())) {
      return listing.map(DefaultPolicies::stem).collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ManifestObject objectNamed(Fixture fixture, String name) {
    return fixture.objects().stream()
        .filter(object -> object.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no object " + name + " in " + fixture.stem()));
  }

  /** The policy read carries every field of the file as StackRox wrote it. */
  private static void assertSameAsJson(String file, JsonNode raw, Policy policy) {
    assertThat(policy.name()).as("%s name", file).isEqualTo(raw.path("name").asText());
    assertThat(policy.disabled())
        .as("%s disabled", file)
        .isEqualTo(raw.path("disabled").asBoolean());
    assertThat(policy.severity().name() + "_SEVERITY")
        .as("%s severity", file)
        .isEqualTo(raw.path("severity").asText());
    assertThat(policy.lifecycleStages().stream().map(LifecycleStage::name))
        .as("%s lifecycleStages", file)
        .containsExactlyElementsOf(texts(raw.path("lifecycleStages")));
    assertThat(policy.exclusions())
        .as("%s exclusions", file)
        .hasSize(raw.path("exclusions").size());
    assertThat(policy.enforcementActions().stream().map(Enum::name))
        .as("%s enforcementActions", file)
        .containsExactlyElementsOf(texts(raw.path("enforcementActions")));
    assertThat(policy.policyVersion()).as("%s policyVersion", file).isEqualTo("1.1");
    JsonNode sections = raw.path("policySections");
    assertThat(policy.sections()).as("%s sections", file).hasSize(sections.size());
    for (int s = 0; s < sections.size(); s++) {
      PolicySection section = policy.sections().get(s);
      JsonNode groups = sections.get(s).path("policyGroups");
      assertThat(section.groups()).as("%s section %d groups", file, s).hasSize(groups.size());
      for (int g = 0; g < groups.size(); g++) {
        assertSameGroup(
            file + " section " + s + " group " + g, groups.get(g), section.groups().get(g));
      }
    }
  }

  private static void assertSameGroup(String where, JsonNode raw, PolicyGroup group) {
    assertThat(group.fieldName()).as(where).isEqualTo(raw.path("fieldName").asText());
    assertThat(group.negate()).as(where + " negate").isEqualTo(raw.path("negate").asBoolean());
    assertThat(group.booleanOperator().name())
        .as(where + " booleanOperator")
        .isEqualTo(raw.path("booleanOperator").asText("OR"));
    List<String> values = new ArrayList<>();
    raw.path("values").forEach(value -> values.add(value.path("value").asText()));
    assertThat(group.values()).as(where + " values").containsExactlyElementsOf(values);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
