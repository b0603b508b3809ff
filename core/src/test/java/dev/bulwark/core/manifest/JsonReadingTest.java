package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class JsonReadingTest {
  private static final String POD =
      """
      {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "api", "labels": {"app": "api"}},
        "spec": {
          "containers": [
            {
              "name": "app",
              "securityContext": {"privileged": true, "runAsUser": 1000, "ratio": 1.5e2},
              "args": null
            }
          ]
        }
      }
      """;

  @Test
  void tokensKeepTheirPositions() {
    ManifestObject pod = RecordingSink.read("pod.json", POD).only();
    MapNode root = pod.root();

    assertThat(root.position()).isEqualTo(new Position(1, 1));
    assertThat(root.keyPosition("kind")).isEqualTo(new Position(3, 3));
    assertThat(Nodes.at(root, "kind").position()).isEqualTo(new Position(3, 11));
    FieldPath container = FieldPath.of("spec", "containers").index(0);
    assertThat(container.locate(root)).isEqualTo(new Position(7, 7));
    assertThat(pod.locate(container.resolve(FieldPath.of("securityContext", "privileged"))))
        .isEqualTo(new Location("pod.json", 9, 29));
    assertThat(pod.labels()).containsEntry("app", "api");
  }

  @Test
  void anOpenTokenStreamReadsAsTheSameObjectAsItsText() throws IOException {
    ManifestReader reader = new ManifestReader(ReadLimits.DEFAULT);
    ManifestReader.ReadResult fromText =
        reader.readAll(ManifestSource.TextSource.direct("pod.json", POD));
    ManifestReader.ReadResult fromTokens;
    try (JsonParser tokens = new JsonFactory().createParser(POD)) {
      fromTokens = reader.readJson("pod.json", tokens);
    }

    assertThat(fromTokens.errors()).isEmpty();
    assertThat(fromTokens.objects()).hasSize(1);
    assertThat(fromTokens.objects().getFirst().root().toJava())
        .isEqualTo(fromText.objects().getFirst().root().toJava());
    assertThat(fromTokens.objects().getFirst().file()).isEqualTo("pod.json");
  }

  @Test
  void anOpenTokenStreamGetsTheChecksOfText() throws IOException {
    ManifestReader reader = new ManifestReader(new ReadLimits(1 << 20, 3, 10, 1 << 20));
    String list =
        "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
            + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"},"
            + "{\"apiVersion\":\"v1\",\"kind\":\"Secret\"}]}";

    assertThat(readTokens(reader, list).objects())
        .extracting(ManifestObject::kind)
        .containsExactly("ConfigMap", "Secret");
    assertThat(readTokens(reader, "{\"kind\":\"Pod\"}").errors())
        .extracting(ManifestError::message)
        .singleElement(STRING)
        .contains("has no apiVersion");
    assertThat(readTokens(reader, "{\"a\":{\"b\":{\"c\":{\"d\":1}}}}").errors())
        .extracting(ManifestError::message)
        .singleElement(STRING)
        .contains("nesting deeper than 3");
  }

  private static ManifestReader.ReadResult readTokens(ManifestReader reader, String json)
      throws IOException {
    try (JsonParser tokens = new JsonFactory().createParser(json)) {
      return reader.readJson("object", tokens);
    }
  }

  @Test
  void valuesAreTypedLikeJson() {
    MapNode root = RecordingSink.read("pod.json", POD).only().root();
    MapNode container = Nodes.map(root, "spec", "containers", 0);
    MapNode securityContext = Nodes.map(container, "securityContext");

    assertThat(securityContext.bool("privileged")).isTrue();
    assertThat(securityContext.integer("runAsUser")).isEqualTo(1000L);
    assertThat(Nodes.scalar(securityContext, "ratio").type()).isEqualTo(ScalarNode.Type.FLOAT);
    assertThat(Nodes.at(securityContext, "ratio").toJava()).isEqualTo(150.0);
    assertThat(Nodes.scalar(container, "args").isNull()).isTrue();
    assertThat(Nodes.scalar(root, "kind").type()).isEqualTo(ScalarNode.Type.STRING);
  }

  @Test
  void textStartingWithABraceIsReadAsJsonWhateverItsName() {
    RecordingSink sink = RecordingSink.read("-", "\n  " + POD);

    assertThat(sink.only().root().keyPosition("kind")).isEqualTo(new Position(4, 3));
  }

  @Test
  void severalValuesInOneFileAreSeveralDocuments() {
    String text =
        """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "b"}}
        """;

    RecordingSink sink = RecordingSink.read("pods.json", text);

    assertThat(sink.names()).containsExactly("Pod a", "Pod b");
    assertThat(sink.objects).extracting(ManifestObject::documentIndex).containsExactly(0, 1);
    assertThat(sink.objects.get(1).location().line()).isEqualTo(2);
  }

  @Test
  void duplicateKeyIsAnErrorWithBothLines() {
    String text =
        """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "a",
            "name": "b"
          }
        }
        """;

    RecordingSink sink = RecordingSink.read("pod.json", text);

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors)
        .singleElement()
        .hasToString("pod.json:6:5: duplicate key \"name\" (first at line 5); remove one of them");
  }

  @Test
  void syntaxErrorInJsonFileHasItsLocation() {
    String text = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\"\n  \"metadata\": {}\n}\n";

    RecordingSink sink = RecordingSink.read("pod.json", text);

    assertThat(sink.objects).isEmpty();
    ManifestError error = sink.errors.get(0);
    assertThat(error.line()).isEqualTo(4);
    assertThat(error.message()).startsWith("invalid JSON: ").contains("expecting comma");
  }

  @Test
  void flowYamlThatStartsLikeJsonFallsBackToYaml() {
    RecordingSink sink = RecordingSink.read("pod.yaml", "{apiVersion: v1, kind: Pod}\n");

    assertThat(sink.only().kind()).isEqualTo("Pod");
  }

  @Test
  void jsonKindsAreFilteredAfterParsing() {
    String text =
        """
        {"apiVersion": "v1", "kind": "Pod"}
        {"apiVersion": "v1", "kind": "Namespace"}
        """;

    RecordingSink sink =
        RecordingSink.read("all.json", text, ReadLimits.DEFAULT, kind -> kind.equals("Namespace"));

    assertThat(sink.objects)
        .singleElement()
        .extracting(ManifestObject::kind)
        .isEqualTo("Namespace");
    assertThat(sink.objects.get(0).documentIndex()).isEqualTo(1);
  }
}
