package dev.bulwark.render.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ReadLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentsTest {
  private static final YamlDocuments YAML = new YamlDocuments(ReadLimits.DEFAULT);

  @TempDir Path directory;

  private List<Node> read(String text) throws IOException {
    Path file = directory.resolve("file.yaml");
    Files.writeString(file, text);
    return YAML.read(file);
  }

  @Test
  void positionsAreLinesOfTheWholeFile() throws IOException {
    List<Node> documents = read("kind: A\n---\nkind: B\nmetadata:\n  name: b\n");

    assertThat(documents).hasSize(2);
    assertThat(FieldPath.of("metadata", "name").locate(documents.get(1)))
        .isEqualTo(new Position(5, 3));
  }

  @Test
  void unparsableFileHasNoDocuments() throws IOException {
    assertThat(read("kind: [unclosed\n")).isEmpty();
    assertThat(YAML.read(directory.resolve("missing.yaml"))).isEmpty();
  }

  @Test
  void nestingBeyondTheDepthLimitHasNoDocuments() throws IOException {
    YamlDocuments shallow = new YamlDocuments(new ReadLimits(1 << 20, 3, 100, 1 << 20));
    Path file = directory.resolve("deep.yaml");
    Files.writeString(file, "a:\n  b:\n    c:\n      d:\n        e: 1\n");

    assertThat(shallow.read(file)).isEmpty();
  }

  @Test
  void recursiveAliasEndsAtTheDepthLimit() throws IOException {
    assertThat(read("loop: &loop\n  - *loop\n")).isEmpty();
  }

  @Test
  void aliasesAreSharedNotCopied() throws IOException {
    MapNode root = (MapNode) read("a: &x {k: v}\nb: *x\n").getFirst();

    assertThat(root.get("b")).isSameAs(root.get("a"));
  }
}
