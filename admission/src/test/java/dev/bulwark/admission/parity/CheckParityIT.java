package dev.bulwark.admission.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.admission.Reviews;
import dev.bulwark.admission.decision.AdmissionDecider;
import dev.bulwark.admission.decision.AdmissionSettings;
import dev.bulwark.admission.decision.Decision;
import dev.bulwark.admission.decision.PolicyFindings;
import dev.bulwark.admission.review.AdmissionReviews;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.check.NativeCheck;
import dev.bulwark.policy.check.NativeChecks;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.engine.Violation;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One engine, one verdict: every Pod Security fixture and every document of the kube-linter
 * fixtures goes through the packaged {@code bulwark check} and through the admission controller's
 * decider, and both must report the same violations (policy, field, message) for each object, with
 * the built-in pack. Checks that compare an object with the rest of an input are left out: the
 * controller sees one object and reports them as not evaluated.
 */
class CheckParityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AdmissionReviews REVIEWS = new AdmissionReviews();
  private static CheckCli cli;
  private static AdmissionDecider decider;
  private static Set<String> acrossInput;

  @BeforeAll
  static void load() throws Exception {
    cli = CheckCli.packaged();
    List<Policy> pack = BuiltinPolicies.all();
    decider =
        new AdmissionDecider(
            PolicyCompiler.compile(pack, List.of()),
            AdmissionSettings.defaults(),
            ReadLimits.DEFAULT,
            Clock.systemUTC());
    acrossInput = new TreeSet<>();
    for (Policy policy : pack) {
      boolean compares =
          policy.checks().stream()
              .map(reference -> NativeChecks.byId(reference.check()).orElseThrow())
              .anyMatch(check -> check.target() == NativeCheck.Target.INPUT);
      if (compares) {
        acrossInput.add(policy.id());
      }
    }
  }

  @AfterAll
  static void close() throws IOException {
    cli.close();
  }

  @Test
  void everyPodSecurityFixtureGetsTheSameFindings() throws Exception {
    Path fixtures = conformance("pod-security-admission/testdata");
    Map<String, Set<String>> byCheck = check(fixtures);
    Map<String, Set<String>> byAdmission = new TreeMap<>();
    for (Path file : yamlFiles(fixtures)) {
      for (ManifestObject object : read(file)) {
        byAdmission.put(key(file.toString(), object), admission(object));
      }
    }

    assertThat(byAdmission).hasSize(4537);
    assertThat(byCheck.keySet()).isSubsetOf(byAdmission.keySet());
    assertSame(byCheck, byAdmission);
  }

  @Test
  void everyKubeLinterFixtureDocumentGetsTheSameFindings(@TempDir Path work) throws Exception {
    Map<String, Set<String>> byCheck = new TreeMap<>();
    Map<String, Set<String>> byAdmission = new TreeMap<>();
    int document = 0;
    for (Path file : yamlFiles(conformance("kube-linter/tests/checks"))) {
      for (ManifestObject object : read(file)) {
        Path single = work.resolve("doc-" + document++ + ".yaml");
        Files.writeString(single, JSON.writeValueAsString(object.root().toJava()));
        byCheck.putAll(check(single));
        byAdmission.put(key(single.toString(), object), admission(object));
      }
    }

    assertThat(byAdmission).hasSizeGreaterThan(250);
    assertSame(byCheck, byAdmission);
  }

  /** Objects without findings are absent from check's report: compare them as empty. */
  private static void assertSame(
      Map<String, Set<String>> byCheck, Map<String, Set<String>> byAdmission) {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : byAdmission.entrySet()) {
      Set<String> checked = byCheck.getOrDefault(entry.getKey(), Set.of());
      if (!checked.equals(entry.getValue())) {
        differences.add(entry.getKey() + ": check " + checked + ", admission " + entry.getValue());
      }
    }
    assertThat(differences).isEmpty();
    assertThat(byAdmission.values().stream().filter(found -> !found.isEmpty()))
        .as("objects with findings")
        .isNotEmpty();
  }

  /** What {@code bulwark check -o json} reports, by file and object, waived findings left out. */
  private static Map<String, Set<String>> check(Path input) throws Exception {
    JsonNode report = JSON.readTree(cli.run("check", input.toString(), "-o", "json"));
    Map<String, Set<String>> found = new TreeMap<>();
    for (JsonNode result : report.path("results")) {
      JsonNode object = result.path("object");
      String key =
          object.path("file").asText()
              + "#"
              + object.path("kind").asText()
              + "/"
              + object.path("name").asText();
      Set<String> findings = new TreeSet<>();
      for (JsonNode violation : result.path("violations")) {
        String policy = violation.path("policyId").asText();
        if (violation.has("waiver") || acrossInput.contains(policy)) {
          continue;
        }
        findings.add(
            policy
                + " "
                + violation.path("path").asText()
                + " "
                + violation.path("message").asText());
      }
      found.put(key, findings);
    }
    return found;
  }

  /** What the controller finds in the object, sent as the API server would send a CREATE. */
  private static Set<String> admission(ManifestObject object) throws Exception {
    String namespace = object.namespace() == null ? "" : object.namespace();
    String json = JSON.writeValueAsString(object.root().toJava());
    Decision decision =
        decider.decide(REVIEWS.read(Reviews.review("CREATE", namespace, json, null)));
    Set<String> findings = new TreeSet<>();
    List<PolicyFindings> all = new ArrayList<>(decision.blocking());
    all.addAll(decision.warned());
    for (PolicyFindings policy : all) {
      for (Violation violation : policy.violations()) {
        findings.add(policy.policy().id() + " " + violation.path() + " " + violation.message());
      }
    }
    return findings;
  }

  private static String key(String file, ManifestObject object) {
    return file + "#" + object.kind() + "/" + object.name();
  }

  /** Documents Bulwark refuses (duplicate keys) are errors in both paths alike. */
  private static List<ManifestObject> read(Path file) {
    return new ManifestReader(ReadLimits.DEFAULT)
        .readAll(new ManifestSource.FileSource(file, file.toString()))
        .objects();
  }

  private static List<Path> yamlFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> file.toString().matches(".*\\.ya?ml")).sorted().toList();
    }
  }

  private static Path conformance(String relative) {
    String root = System.getProperty("bulwark.conformance.dir", "../../shared/conformance");
    Path path = Path.of(root, relative).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new AssertionError("conformance data not found at " + path.toAbsolutePath());
    }
    return path;
  }
}
