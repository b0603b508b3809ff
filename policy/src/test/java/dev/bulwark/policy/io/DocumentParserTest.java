package dev.bulwark.policy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import dev.bulwark.core.manifest.Position;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.core.manifest.ScalarNode;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class DocumentParserTest {
  private final DocumentParser parser = new DocumentParser(ReadLimits.DEFAULT);

  @Test
  void jsonKeepsKeyAndValuePositions() {
    MapNode root =
        (MapNode)
            parser
                .parse(
                    """
                    {
                      "name": "web",
                      "ports": [80, 1.5, true, null]
                    }
                    """,
                    "p.json")
                .getFirst();

    assertThat(root.keyPosition("ports")).isEqualTo(new Position(3, 3));
    ListNode ports = (ListNode) Objects.requireNonNull(root.get("ports"));
    assertThat(ports.items())
        .extracting(node -> ((ScalarNode) node).type())
        .containsExactly(
            ScalarNode.Type.INTEGER,
            ScalarNode.Type.FLOAT,
            ScalarNode.Type.BOOLEAN,
            ScalarNode.Type.NULL);
    assertThat(ports.get(1).position()).isEqualTo(new Position(3, 17));
  }

  @Test
  void yamlIsReadAsKubectlReadsIt() {
    MapNode root =
        (MapNode)
            parser
                .parse(
                    """
                    a: on
                    b: yes
                    c: true
                    d: 1.1
                    e: 2026-12-31
                    """,
                    "p.yaml")
                .getFirst();

    assertThat(List.of("a", "b", "c", "d", "e"))
        .extracting(key -> ((ScalarNode) Objects.requireNonNull(root.get(key))).type())
        .containsExactly(
            ScalarNode.Type.BOOLEAN,
            ScalarNode.Type.BOOLEAN,
            ScalarNode.Type.BOOLEAN,
            ScalarNode.Type.FLOAT,
            ScalarNode.Type.STRING);
    assertThat(root.string("d")).isEqualTo("1.1");
    assertThat(root.keyPosition("e")).isEqualTo(new Position(5, 1));
  }

  @Test
  void yamlStreamSkipsEmptyDocumentsAndByteOrderMark() {
    List<Node> documents =
        parser.parse(
            """
            \uFEFF# first
            a: 1
            ---
            # nothing here
            ---
            b: 2
            """,
            "p.yaml");

    assertThat(documents).hasSize(2);
    assertThat(documents.get(1).position()).isEqualTo(new Position(6, 1));
    assertThat(parser.parse("# only a comment\n", "p.yaml")).isEmpty();
  }

  @Test
  void duplicateYamlKeyIsAnErrorAtTheSecondKey() {
    assertThatThrownBy(() -> parser.parse("a: 1\nb: 2\na: 3\n", "p.yaml"))
        .isInstanceOfSatisfying(
            MalformedDocumentException.class,
            e -> {
              assertThat(e.position()).isEqualTo(new Position(3, 1));
              assertThat(e.reason()).contains("duplicate key \"a\"").contains("line 1");
            });
  }

  @Test
  void duplicateJsonKeyIsAnError() {
    assertThatThrownBy(() -> parser.parse("{\"a\": 1,\n \"a\": 2}", "p.json"))
        .isInstanceOfSatisfying(
            MalformedDocumentException.class, e -> assertThat(e.position().line()).isEqualTo(2));
  }

  @Test
  void consecutiveJsonValuesAreSeparateDocuments() {
    assertThat(parser.parse("{\"a\": 1}\n{\"b\": 2}", "p.json"))
        .extracting(node -> node.position().line())
        .containsExactly(1, 2);
  }

  @Test
  void aliasExpansionBombIsRefused() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int level = 1; level < 9; level++) {
      String alias = "*a" + (level - 1);
      bomb.append(
          "a%d: &a%d [%s]\n"
              .formatted(
                  level,
                  level,
                  String.join(
                      ", ",
                      List.of(alias, alias, alias, alias, alias, alias, alias, alias, alias))));
    }

    assertThatThrownBy(() -> parser.parse(bomb.toString(), "bomb.yaml"))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("alias");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefused() {
    DocumentParser shallow = new DocumentParser(new ReadLimits(1 << 20, 3, 10, 1 << 20));

    assertThatThrownBy(() -> shallow.parse("a: {b: {c: {d: {e: 1}}}}\n", "deep.yaml"))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("deeper than 3 levels");
    assertThatThrownBy(() -> shallow.parse("{\"a\": {\"b\": {\"c\": {\"d\": 1}}}}", "deep.json"))
        .isInstanceOf(MalformedDocumentException.class);
  }
}
