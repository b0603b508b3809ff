package dev.bulwark.policy.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.framework.Frameworks;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Meta-test over the built-in pack: every policy has complete metadata and a fixture under {@code
 * resources/builtin/<id>.yaml} with objects named {@code fire-*} that must violate it and objects
 * named {@code dont-fire-*} that must not (other objects in the fixture only give context). Each
 * policy is evaluated at each of its stages, switched on if it ships off; policies that read image
 * data get the images of {@link FixtureImages}.
 */
class BuiltinPoliciesTest {
  private static final Instant NOW = FixtureImages.NOW;

  static Stream<Policy> policies() {
    return BuiltinPolicies.all().stream();
  }

  @Test
  void idsAreUniqueAndMatchTheFiles() {
    assertThat(BuiltinPolicies.all()).hasSameSizeAs(BuiltinPolicies.IDS);
    assertThat(new HashSet<>(BuiltinPolicies.IDS)).hasSameSizeAs(BuiltinPolicies.IDS);
    assertThat(BuiltinPolicies.all().stream().map(Policy::id).toList())
        .containsExactlyElementsOf(BuiltinPolicies.IDS);
    assertThat(BuiltinPolicies.all().stream().map(Policy::name).distinct())
        .hasSameSizeAs(BuiltinPolicies.IDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void metadataIsComplete(Policy policy) {
    assertThat(policy.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
    assertThat(policy.name()).isNotBlank().doesNotEndWith(".");
    assertThat(policy.description()).isNotBlank().endsWith(".");
    assertThat(policy.rationale()).isNotBlank().endsWith(".");
    assertThat(policy.remediation()).isNotBlank().endsWith(".");
    assertThat(policy.categories()).isNotEmpty();
    assertThat(policy.lifecycleStages())
        .as("deploy-time, or build-time for image-only policies")
        .isIn(List.of(LifecycleStage.DEPLOY), List.of(LifecycleStage.BUILD));
    assertThat(policy.hasCriteria()).isTrue();
    assertThat(policy.rules())
        .as("built-in policies use native checks, never CEL, so that default runs never start CEL")
        .isEmpty();
    assertThat(policy.controls())
        .allMatch(control -> control.matches("[a-z0-9-]+:[A-Za-z0-9_.:-]+"));
  }

  /**
   * A default {@code bulwark check} supplies no image data and must not report policies it cannot
   * decide: image-only policies are build-time, and deploy-time ones that also read images ship
   * off.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void enabledDeployPoliciesNeedNoImageData(Policy policy) {
    CompiledPolicySet compiled = PolicyCompiler.compile(List.of(policy), List.of());

    boolean runByDefault = !policy.disabled() && policy.hasStage(LifecycleStage.DEPLOY);

    assertThat(runByDefault && compiled.policies().getFirst().requiresImageData())
        .as("%s is on at deploy time but needs image data", policy.id())
        .isFalse();
  }

  @Test
  void defaultPackDecidesEveryFixtureWithoutImageData() throws IOException {
    CompiledPolicySet pack = PolicyCompiler.compile(BuiltinPolicies.all(), List.of());
    List<String> undecided = new ArrayList<>();
    for (String id : BuiltinPolicies.IDS) {
      List<ManifestObject> objects = readFixture(id);
      ClusterContext context = contextOf(objects);
      for (ManifestObject object : objects) {
        for (PolicyOutcome outcome :
            pack.evaluate(input(object, context, ImageDataProvider.NONE), LifecycleStage.DEPLOY)) {
          if (outcome.status() == PolicyOutcome.Status.NOT_EVALUATED) {
            undecided.add(id + ": " + object.name() + ": " + outcome.policy().policy().id());
          }
        }
      }
    }
    assertThat(undecided).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void controlsNameKnownFrameworksAndControls(Policy policy) {
    for (String control : policy.controls()) {
      String name = control.substring(0, control.indexOf(':'));
      String id = control.substring(control.indexOf(':') + 1);
      assertThat(Frameworks.byName(name)).as(control).isPresent();
      assertThat(Frameworks.byName(name).orElseThrow().defines(id)).as(control).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void firesOnFireObjectsOnly(Policy policy) throws IOException {
    for (LifecycleStage stage : policy.lifecycleStages()) {
      firesOnFireObjectsOnly(policy, stage);
    }
  }

  private static void firesOnFireObjectsOnly(Policy policy, LifecycleStage stage)
      throws IOException {
    List<ManifestObject> objects = readFixture(policy.id());
    List<String> fire = names(objects, "fire-");
    List<String> dontFire = names(objects, "dont-fire-");
    assertThat(fire).as("firing fixtures for %s", policy.id()).isNotEmpty();
    assertThat(dontFire).as("non-firing fixtures for %s", policy.id()).isNotEmpty();

    CompiledPolicySet compiled =
        PolicyCompiler.compile(List.of(policy.withDisabled(false)), List.of());
    ImageDataProvider images =
        compiled.policies().getFirst().requiresImageData()
            ? new FixtureImages()
            : ImageDataProvider.NONE;
    ClusterContext context = contextOf(objects);

    List<String> violated = new ArrayList<>();
    for (ManifestObject object : objects) {
      List<PolicyOutcome> outcomes = compiled.evaluate(input(object, context, images), stage);
      assertThat(outcomes)
          .as("%s at %s on %s", policy.id(), stage, object.name())
          .allMatch(outcome -> outcome.status() == PolicyOutcome.Status.VIOLATED);
      if (!outcomes.isEmpty()) {
        violated.add(object.name());
        assertThat(outcomes.get(0).violations())
            .allSatisfy(violation -> {
              assertThat(violation.location().line()).isPositive();
              assertThat(violation.message()).isNotBlank().doesNotEndWith(".");
            });
      }
    }
    assertThat(violated)
        .as("%s at %s", policy.id(), stage)
        .containsExactlyInAnyOrderElementsOf(fire);
  }

  private static ClusterContext contextOf(List<ManifestObject> objects) {
    ClusterContext.Builder builder = ClusterContext.builder();
    objects.forEach(builder::add);
    return builder.build();
  }

  private static EvaluationInput input(
      ManifestObject object, ClusterContext context, ImageDataProvider images) {
    Workload workload = WorkloadExtractor.extract(object).orElse(null);
    return new EvaluationInput(
        object, workload, workload == null ? null : context.contextOf(workload), images, "", NOW);
  }

  private static List<String> names(List<ManifestObject> objects, String prefix) {
    return objects.stream().map(ManifestObject::name).filter(n -> n.startsWith(prefix)).toList();
  }

  private static List<ManifestObject> readFixture(String id) throws IOException {
    String resource = "/builtin/" + id + ".yaml";
    String text;
    try (InputStream in = BuiltinPoliciesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as("fixture %s", resource).isNotNull();
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<ManifestObject> objects = new ArrayList<>();
    new ManifestReader(ReadLimits.DEFAULT)
        .read(
            ManifestSource.TextSource.direct(resource, text),
            new ManifestSink() {
              @Override
              public void object(ManifestObject object) {
                objects.add(object);
              }

              @Override
              public void error(ManifestError error) {
                throw new AssertionError("fixture error: " + error);
              }
            });
    return objects;
  }
}
