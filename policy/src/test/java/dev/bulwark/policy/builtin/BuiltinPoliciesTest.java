package dev.bulwark.policy.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.DeferredOutcome;
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
      for (Evaluated each :
          evaluate(pack, readFixture(id), ImageDataProvider.NONE, LifecycleStage.DEPLOY)) {
        for (PolicyOutcome outcome : each.outcomes()) {
          if (outcome.status() == PolicyOutcome.Status.NOT_EVALUATED) {
            undecided.add(id + ": " + each.object().name() + ": " + outcome.policy().policy().id());
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

    List<String> violated = new ArrayList<>();
    for (Evaluated each : evaluate(compiled, objects, images, stage)) {
      List<PolicyOutcome> outcomes = each.outcomes();
      assertThat(outcomes)
          .as("%s at %s on %s", policy.id(), stage, each.object().name())
          .allMatch(outcome -> outcome.status() == PolicyOutcome.Status.VIOLATED);
      if (!outcomes.isEmpty()) {
        violated.add(each.object().name());
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

  /** One object with what the policies say about it. */
  private record Evaluated(ManifestObject object, List<PolicyOutcome> outcomes) {}

  /**
   * Evaluates a fixture as {@code bulwark check} evaluates an input: with the context of every
   * object, and with the checks that compare objects judged against the index of the whole file.
   */
  private static List<Evaluated> evaluate(
      CompiledPolicySet policies,
      List<ManifestObject> objects,
      ImageDataProvider images,
      LifecycleStage stage) {
    ClusterContext.Builder contextBuilder = ClusterContext.builder();
    objects.forEach(contextBuilder::add);
    ClusterContext context = contextBuilder.build();
    InputIndex.Builder indexBuilder = InputIndex.builder();
    List<Evaluated> evaluated = new ArrayList<>();
    List<List<DeferredOutcome>> deferred = new ArrayList<>();
    for (ManifestObject object : objects) {
      Workload workload = WorkloadExtractor.extract(object).orElse(null);
      indexBuilder.add(object, workload);
      EvaluationInput input =
          new EvaluationInput(
              object,
              workload,
              workload == null ? null : context.contextOf(workload),
              images,
              "",
              NOW);
      List<DeferredOutcome> kept = new ArrayList<>();
      evaluated.add(
          new Evaluated(object, new ArrayList<>(policies.evaluate(input, stage, kept::add))));
      deferred.add(kept);
    }
    InputIndex index = indexBuilder.build();
    for (int i = 0; i < evaluated.size(); i++) {
      for (DeferredOutcome outcome : deferred.get(i)) {
        PolicyOutcome judged = outcome.judge(index);
        if (judged != null) {
          evaluated.get(i).outcomes().add(judged);
        }
      }
    }
    return evaluated;
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
    ManifestReader.ReadResult found =
        new ManifestReader(ReadLimits.DEFAULT)
            .readAll(ManifestSource.TextSource.direct(resource, text));
    if (!found.errors().isEmpty()) {
      throw new AssertionError("fixture error: " + found.errors());
    }
    return found.objects();
  }
}
