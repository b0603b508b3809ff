package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BadInputTest {
  @Test
  void duplicateYamlKeyIsAnErrorAtTheSecondKey() {
    String text =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: a
          labels: {}
          name: b
        """;

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors)
        .singleElement()
        .hasToString("test.yaml:6:3: duplicate key \"name\" (first at line 4); remove one of them");
  }

  @Test
  void syntaxErrorCostsOnlyItsDocument() {
    String text =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: before
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: broken
          labels: app: web
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: after
        """;

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.names()).containsExactly("Pod before", "Pod after");
    assertThat(sink.objects).extracting(ManifestObject::documentIndex).containsExactly(0, 2);
    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(10);
          assertThat(error.column()).isEqualTo(14);
          assertThat(error.message()).contains("mapping values are not allowed here");
        });
    assertThat(sink.events)
        .containsExactly("object Pod before", "error " + sink.errors.get(0), "object Pod after");
  }

  @Test
  void unclosedQuoteIsReportedAndLaterDocumentsStillRead() {
    String text =
        """
        apiVersion: v1
        kind: ConfigMap
        data:
          key: "unclosed
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: after}
        """;

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.names()).containsExactly("Pod after");
    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isBetween(4, 5);
          assertThat(error.message()).startsWith("invalid YAML: ");
        });
  }

  @Test
  void tabIndentationIsASyntaxErrorWithItsLine() {
    RecordingSink sink = RecordingSink.read("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n");

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors).singleElement().extracting(ManifestError::line).isEqualTo(4);
  }

  @Test
  void controlCharacterIsRefusedWithItsPosition() {
    RecordingSink sink = RecordingSink.read("apiVersion: v1\nkind: Pod\nx: a\u0007b\n");

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(3);
          assertThat(error.column()).isEqualTo(5);
          assertThat(error.message()).contains("U+0007");
        });
  }

  @Test
  void complexKeyIsRefused() {
    RecordingSink sink = RecordingSink.read("apiVersion: v1\nkind: Pod\n? [a, b]\n: value\n");

    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(3);
          assertThat(error.message()).contains("cannot be a key");
        });
  }

  @Test
  void unknownAliasIsAnError() {
    RecordingSink sink = RecordingSink.read("apiVersion: v1\nkind: Pod\nspec: *missing\n");

    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(3);
          assertThat(error.message()).contains("*missing").contains("&missing");
        });
  }

  @Test
  void mergeOfAScalarIsAnError() {
    RecordingSink sink = RecordingSink.read("apiVersion: v1\nkind: Pod\nspec:\n  <<: text\n");

    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(4);
          assertThat(error.message()).contains("merge key << needs a map");
        });
  }

  @Test
  void valueThatDoesNotFitItsTagIsAnError() {
    RecordingSink sink = RecordingSink.read("apiVersion: v1\nkind: Pod\nreplicas: !!int many\n");

    assertThat(sink.errors)
        .singleElement()
        .extracting(ManifestError::message)
        .asString()
        .contains("\"many\" does not fit its tag !!int");
  }
}
