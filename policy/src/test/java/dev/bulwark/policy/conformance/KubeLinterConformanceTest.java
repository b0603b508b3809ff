package dev.bulwark.policy.conformance;

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
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.DeferredOutcome;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.engine.Violation;
import dev.bulwark.policy.framework.Framework;
import dev.bulwark.policy.framework.Frameworks;
import dev.bulwark.policy.io.InvalidPolicyException;
import dev.bulwark.policy.kubelinter.KubeLinterConfig;
import dev.bulwark.policy.kubelinter.KubeLinterSelection;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with kube-linter's end-to-end tests: for every test of the shared conformance data, the
 * built-in policies tagged {@code kube-linter:<check>} for the checks it includes (enabled whatever
 * their default) evaluate its fixture the way {@code bulwark check} does, and must report as often
 * as kube-linter, flag the objects of the reports the test names (by kind, and by name where the
 * test prints it), and never flag an object named {@code dont-fire}. Report order is not compared:
 * the shared data numbers some reports differently from kube-linter's own tests. The differences
 * that remain are listed with their reasons; the agreement is printed and documented in
 * docs/compat/kube-linter.md.
 */
class KubeLinterConformanceTest {
  private static final Framework KUBE_LINTER = Frameworks.byName("kube-linter").orElseThrow();

  /** Tests Bulwark does not agree with, and why. Keep docs/compat/kube-linter.md in step. */
  private static final Map<String, String> KNOWN_DIFFERENCES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  "flag-kustomize-support",
                  "renders a Kustomize directory with kubectl, which the policy module does not"
                      + " run; cli's KubeLinterCompatibilityTest checks it end to end"),
              Map.entry(
                  "template-cel",
                  "the fixture has a document with a duplicate key, which Bulwark rejects, and a"
                      + " custom check reads every object of the input (objects), which Bulwark's"
                      + " CEL rules cannot")));

  static List<KubeLinterCase> cases() {
    return KubeLinterCase.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void agreesWithKubeLinter(KubeLinterCase test) {
    String known = KNOWN_DIFFERENCES.get(test.test());
    Assumptions.assumeTrue(known == null, () -> "known difference: " + known);

    assertThat(disagreement(test)).as(test.test()).isEmpty();
  }

  @Test
  void onlyTheKnownDifferencesDisagree() {
    List<KubeLinterCase> cases = cases();
    Map<String, String> disagreements = new TreeMap<>();
    for (KubeLinterCase test : cases) {
      disagreement(test).ifPresent(reason -> disagreements.put(test.test(), reason));
    }
    int agreeing = cases.size() - disagreements.size();
    System.out.printf(
        "kube-linter conformance: %d of %d tests agree (%.1f %%); differences: %s%n",
        agreeing, cases.size(), 100.0 * agreeing / cases.size(), disagreements.keySet());

    assertThat(cases).hasSize(68);
    assertThat(disagreements.keySet())
        .as("tests that disagree: %s", disagreements)
        .containsExactlyInAnyOrderElementsOf(KNOWN_DIFFERENCES.keySet());
  }

  /** Why Bulwark disagrees with kube-linter on the test, or empty when it agrees. */
  private static Optional<String> disagreement(KubeLinterCase test) {
    Path fixture = KubeLinterCase.directory().resolve(test.fixture());
    if (!Files.isRegularFile(fixture)) {
      return Optional.of("the input " + test.fixture() + " is not a manifest file");
    }
    List<Policy> policies;
    try {
      policies = policiesFor(test);
    } catch (InvalidPolicyException e) {
      return Optional.of("the configuration is not supported: " + e.getMessage());
    }
    if (policies.isEmpty()) {
      return Optional.of("no built-in policy is tagged with " + test.includeChecks());
    }
    List<Report> reports;
    try {
      reports = evaluate(fixture, policies);
    } catch (InvalidPolicyException e) {
      return Optional.of("the selected policies do not compile: " + e.getMessage());
    } catch (UnreadableInput e) {
      return Optional.of("Bulwark rejects documents of the fixture: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    Integer count = test.expectedReportCount();
    if (count != null && count != reports.size()) {
      problems.add("expected " + count + " reports, found " + reports.size());
    }
    for (KubeLinterCase.ExpectedReport expected : test.expectedReports()) {
      if (reports.stream().noneMatch(report -> expected.isAbout(report.object()))) {
        problems.add("nothing flags the object of " + expected.text());
      }
    }
    reports.stream()
        .filter(report -> report.object().name().startsWith("dont-fire"))
        .forEach(report -> problems.add("flags " + report));
    return problems.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join("; ", problems) + "; all: " + reports);
  }

  /**
   * The policies kube-linter's run selects, enabled: those for the included checks, or those the
   * configuration file selects (its custom checks among them).
   */
  private static List<Policy> policiesFor(KubeLinterCase test) {
    List<Policy> candidates = new ArrayList<>(BuiltinPolicies.all());
    KubeLinterSelection selection =
        new KubeLinterSelection(false, false, test.includeChecks(), List.of(), Set.of());
    if (test.config() != null) {
      KubeLinterConfig config =
          KubeLinterConfig.read(KubeLinterCase.directory().resolve(test.config()));
      candidates.addAll(config.customChecks());
      selection =
          test.doNotAutoAddDefaults() ? config.selection().withoutDefaults() : config.selection();
    }
    List<Policy> selected = new ArrayList<>();
    for (Policy policy : candidates) {
      if (selection.enables(policy, KUBE_LINTER)) {
        selected.add(policy.withDisabled(false));
      }
    }
    return selected;
  }

  /** The fixture has documents Bulwark refuses to read; kube-linter read them. */
  private static final class UnreadableInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableInput(String errors) {
      super(errors);
    }
  }

  /** One finding, as kube-linter would report it: per violation, in document order. */
  private record Report(ManifestObject object, String policy, Violation violation) {
    @Override
    public String toString() {
      return object.kind() + " " + object.name() + " (" + policy + ": " + violation.message() + ")";
    }
  }

  /**
   * Evaluates the fixture as {@code bulwark check} does: the checks that compare objects are judged
   * against the index of the whole fixture once every object has been read.
   */
  private static List<Report> evaluate(Path fixture, List<Policy> policies) {
    List<ManifestObject> objects = read(fixture);
    ClusterContext.Builder builder = ClusterContext.builder();
    objects.forEach(builder::add);
    ClusterContext context = builder.build();
    CompiledPolicySet compiled = PolicyCompiler.compile(policies, List.of());
    InputIndex.Builder index = InputIndex.builder();
    List<Report> reports = new ArrayList<>();
    List<Map.Entry<ManifestObject, List<DeferredOutcome>>> deferred = new ArrayList<>();
    for (ManifestObject object : objects) {
      Workload workload = WorkloadExtractor.extract(object).orElse(null);
      index.add(object, workload);
      EvaluationInput input =
          new EvaluationInput(
              object,
              workload,
              workload == null ? null : context.contextOf(workload),
              ImageDataProvider.NONE,
              "",
              Fixture.NOW);
      List<DeferredOutcome> kept = new ArrayList<>();
      for (PolicyOutcome outcome : compiled.evaluate(input, LifecycleStage.DEPLOY, kept::add)) {
        for (Violation violation : outcome.violations()) {
          reports.add(new Report(object, outcome.policy().policy().id(), violation));
        }
      }
      deferred.add(Map.entry(object, kept));
    }
    InputIndex whole = index.build();
    for (Map.Entry<ManifestObject, List<DeferredOutcome>> kept : deferred) {
      for (DeferredOutcome outcome : kept.getValue()) {
        PolicyOutcome judged = outcome.judge(whole);
        if (judged != null) {
          for (Violation violation : judged.violations()) {
            reports.add(new Report(kept.getKey(), judged.policy().policy().id(), violation));
          }
        }
      }
    }
    return reports;
  }

  private static List<ManifestObject> read(Path file) {
    ManifestReader.ReadResult found =
        new ManifestReader(ReadLimits.DEFAULT)
            .readAll(new ManifestSource.FileSource(file, file.getFileName().toString()));
    if (!found.errors().isEmpty()) {
      throw new UnreadableInput(found.errors().toString());
    }
    return found.objects();
  }
}
