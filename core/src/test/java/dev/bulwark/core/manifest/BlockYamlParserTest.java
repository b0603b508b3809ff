package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bulwark.core.manifest.DocumentSplitter.DocumentSlice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path must build exactly snakeyaml's tree (every position, type, text and key order) or
 * give up: checked on the conformance corpus, the repository's YAML files and random documents.
 */
class BlockYamlParserTest {
  private static final FastPathDifferential DIFFERENTIAL =
      new FastPathDifferential(ReadLimits.DEFAULT);

  @Test
  void conformanceCorpusReadsAsSnakeyamlReadsIt() throws IOException {
    Path root = conformanceRoot();
    Totals kubernetes = new Totals();
    Totals other = new Totals();
    for (Path file : yamlFiles(root)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      FastPathDifferential.Outcome outcome = DIFFERENTIAL.compare(file.toString(), text);
      boolean isKubernetes =
          file.startsWith(root.resolve("pod-security-admission"))
              || file.startsWith(root.resolve("kube-linter"));
      (isKubernetes ? kubernetes : other).add(outcome);
    }
    System.out.printf(
        "fast path on the conformance corpus: Kubernetes %s; other YAML %s%n", kubernetes, other);
    assertThat(kubernetes.differences).isEmpty();
    assertThat(other.differences).isEmpty();
    assertThat(kubernetes.files).isGreaterThan(4_000);
    // Nearly every Kubernetes document must take the fast path, or it is not worth having.
    assertThat(kubernetes.givenUp).isLessThan(kubernetes.slices / 50);
  }

  @Test
  void repositoryYamlReadsAsSnakeyamlReadsIt() throws IOException {
    Path repository = Path.of("..").toAbsolutePath().normalize();
    Totals totals = new Totals();
    List<Path> roots = new ArrayList<>();
    roots.add(repository.resolve("examples"));
    try (Stream<Path> modules = Files.list(repository)) {
      modules.map(module -> module.resolve("src/test/resources")).forEach(roots::add);
    }
    for (Path root : roots) {
      if (Files.isDirectory(root)) {
        for (Path file : yamlFiles(root)) {
          totals.add(DIFFERENTIAL.compare(file.toString(), Files.readString(file)));
        }
      }
    }
    assertThat(totals.differences).isEmpty();
    assertThat(totals.files).isGreaterThan(10);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void randomDocumentsReadAsSnakeyamlReadsThem(long seed) {
    RandomManifests manifests = new RandomManifests(seed);
    Totals totals = new Totals();
    for (int round = 0; round < 3_000; round++) {
      totals.add(DIFFERENTIAL.compare("random-" + seed + "-" + round, manifests.next()));
      totals.add(DIFFERENTIAL.compare("mutated-" + seed + "-" + round, manifests.mutated()));
    }
    assertThat(totals.differences).isEmpty();
    // The generator writes much odd YAML on purpose, but the fast path must still see plenty.
    assertThat(totals.slices - totals.givenUp).isGreaterThan(totals.slices / 10);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a: 1\nb: [x, 'y', \"z\\tq\"]\nc: {d: ~, e: yes}\n",
        "--- # first\nlist:\n- a\n-\n- - nested\n  - again\n- key: v\n  other: w\n",
        "spec:\n  containers:\n    - name: app\n      args:\n      - -c\n      - 'echo ''hi'''\n",
        "script: |-\n  #!/bin/sh\n\n    echo  a\n  done\nfolded: >\n  one\n  two\n\n  three\n"
            + "keep: |+\n  x\n\nclip: |2\n    deeper\n",
        "a:\n\n  # comment\n  b: 0644   # octal\n  c: 'it''s'\n  d: \"\\u00e9\\x41\\/\"\nempty:\n",
        "a: 1\r\nb:\r\n  - x\r\n",
      })
  void handledFormsMatchSnakeyaml(String text) {
    for (DocumentSlice slice : DocumentSplitter.split(text)) {
      assertThat(BlockYamlParser.parse(text, slice, ReadLimits.DEFAULT)).isNotNull();
    }
    assertThat(DIFFERENTIAL.compare("test.yaml", text).differences()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "base: {a: 1}\nm:\n  <<: {b: 2}\n",
        "a: 1\na: 2\n",
        "a: one\n  two\n",
        "a: \"one\n  two\"\n",
        "a: [1,\n  2]\n",
        "? complex\n: value\n",
        "%YAML 1.2\n---\na: 1\n",
        "a:\n\tb: 1\n",
        "a: 1\n...\nb: 2\n",
        "a: b: c\n",
        "just a scalar\n",
        "[a, b]\n",
        "a: |\nb: 1\n",
        "a: \"\\U0001F600\"\n",
        "a: 😀\n",
        "a: 1\rb: 2\n",
        "a:\n  b: 1\n c: 2\n",
      })
  void unusualFormsGoToSnakeyaml(String text) {
    DocumentSlice slice = DocumentSplitter.split(text).get(0);
    assertThat(BlockYamlParser.parse(text, slice, ReadLimits.DEFAULT)).isNull();
  }

  @Test
  void nestingAtTheDepthLimitGoesToSnakeyaml() {
    String text = "a:\n  b:\n    c:\n      d: 1\n";
    DocumentSlice slice = DocumentSplitter.split(text).get(0);
    assertThat(BlockYamlParser.parse(text, slice, new ReadLimits(1 << 20, 4, 10, 1 << 20)))
        .isNull();
    assertThat(BlockYamlParser.parse(text, slice, new ReadLimits(1 << 20, 5, 10, 1 << 20)))
        .isNotNull();
  }

  private static Path conformanceRoot() {
    Path root = Path.of(System.getProperty("bulwark.conformance.dir", "../../shared/conformance"));
    if (!Files.isDirectory(root)) {
      String message = "conformance data not found at " + root.toAbsolutePath();
      if ("true".equals(System.getenv("CI"))) {
        fail(message + " (set -Dbulwark.conformance.dir)");
      }
      Assumptions.abort(message);
    }
    return root;
  }

  private static List<Path> yamlFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> {
            String name = file.getFileName().toString();
            return name.endsWith(".yaml") || name.endsWith(".yml");
          })
          .sorted()
          .toList();
    }
  }

  /** Counts over many files. */
  private static final class Totals {
    int files;
    int slices;
    int givenUp;
    final List<String> differences = new ArrayList<>();

    void add(FastPathDifferential.Outcome outcome) {
      files++;
      slices += outcome.slices();
      givenUp += outcome.givenUp();
      differences.addAll(outcome.differences());
    }

    @Override
    public String toString() {
      return "%d files, %d documents, fast path gave up on %d (%.2f%%)"
          .formatted(files, slices, givenUp, slices == 0 ? 0.0 : 100.0 * givenUp / slices);
    }
  }
}
