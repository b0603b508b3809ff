package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.model.LifecycleStage;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Kubernetes objects of one fixture file, read the way the CLI reads them, with the cluster
 * context they form together.
 */
final class Fixture {
  /** The instant evaluations are judged at, so that image ages and expiries never drift. */
  static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

  private final String stem;
  private final List<ManifestObject> objects;
  private final ClusterContext context;

  private Fixture(String stem, List<ManifestObject> objects, ClusterContext context) {
    this.stem = stem;
    this.objects = List.copyOf(objects);
    this.context = context;
  }

  /** The folder of the fixtures on the test class path. */
  static Path directory() {
    URL url = Fixture.class.getResource("/stackrox-fixtures");
    assertThat(url).as("stackrox-fixtures on the test class path").isNotNull();
    try {
      return Path.of(Objects.requireNonNull(url).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad fixture folder URL " + url, e);
    }
  }

  static Path fileOf(String stem) {
    return directory().resolve(stem + ".yaml");
  }

  /** Reads {@code <stem>.yaml}; a read error fails the test. */
  static Fixture read(String stem) {
    Path file = fileOf(stem);
    assertThat(Files.isRegularFile(file)).as("fixture %s exists", file).isTrue();
    String displayName = "stackrox-fixtures/" + file.getFileName();
    ManifestReader.ReadResult found =
        new ManifestReader(ReadLimits.DEFAULT)
            .readAll(new ManifestSource.FileSource(file, displayName));
    assertThat(found.errors()).as("errors reading %s", displayName).isEmpty();
    List<ManifestObject> objects = found.objects();
    assertThat(objects).as("objects in %s", displayName).isNotEmpty();
    ClusterContext.Builder builder = ClusterContext.builder();
    objects.forEach(builder::add);
    return new Fixture(stem, objects, builder.build());
  }

  String stem() {
    return stem;
  }

  List<ManifestObject> objects() {
    return objects;
  }

  /** Evaluates one object at DEPLOY against {@code policies}, as of {@link #NOW}. */
  List<PolicyOutcome> evaluate(
      CompiledPolicySet policies, ManifestObject object, ImageDataProvider images) {
    return evaluate(policies, object, images, LifecycleStage.DEPLOY);
  }

  /** Evaluates one object at {@code stage} against {@code policies}, as of {@link #NOW}. */
  List<PolicyOutcome> evaluate(
      CompiledPolicySet policies,
      ManifestObject object,
      ImageDataProvider images,
      LifecycleStage stage) {
    Optional<Workload> workload = WorkloadExtractor.extract(object);
    EvaluationInput input =
        new EvaluationInput(
            object,
            workload.orElse(null),
            workload.map(context::contextOf).orElse(null),
            images,
            "",
            NOW);
    return policies.evaluate(input, stage);
  }

  /**
   * Every object whose outcomes differ from what {@code expectation} declares for it, described as
   * {@code file:line kind namespace/name: problem}. Objects declaring nothing must be context
   * objects and must stay silent.
   */
  List<String> mismatches(
      CompiledPolicySet policies,
      ImageDataProvider images,
      Function<ManifestObject, Optional<Expectation>> expectation) {
    List<String> mismatches = new ArrayList<>();
    for (ManifestObject object : objects) {
      Optional<Expectation> expected = expectation.apply(object);
      if (expected.isEmpty() && !Expectation.isContextObject(object)) {
        mismatches.add(describe(object) + "declares no expectation (name it fire-/dont-fire-/...)");
        continue;
      }
      List<PolicyOutcome> outcomes = evaluate(policies, object, images);
      expected
          .orElse(Expectation.DONT_FIRE)
          .mismatch(outcomes)
          .ifPresent(problem -> mismatches.add(describe(object) + problem));
    }
    return mismatches;
  }

  private static String describe(ManifestObject object) {
    return object.location() + " " + object.displayName() + ": ";
  }
}
