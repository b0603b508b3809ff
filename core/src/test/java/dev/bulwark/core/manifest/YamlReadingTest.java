package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlReadingTest {
  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
      spec:
        template:
          spec:
            containers:
              - name: app
                image: nginx:1.27
                securityContext:
                  privileged: true
              - name: sidecar
                image: envoy
      """;

  private static final FieldPath PRIVILEGED =
      FieldPath.of("spec", "template", "spec", "containers")
          .index(0)
          .resolve(FieldPath.of("securityContext", "privileged"));

  @Test
  void privilegedFieldLocatesItsOwnLine() {
    ManifestObject object = RecordingSink.read(DEPLOYMENT).only();

    assertThat(object.locate(PRIVILEGED)).isEqualTo(new Location("test.yaml", 13, 13));
    assertThat(object.displayName()).isEqualTo("Deployment shop/web");
  }

  @Test
  void mapKeysAndListItemsKeepTheirPositions() {
    MapNode root = RecordingSink.read(DEPLOYMENT).only().root();

    assertThat(root.position()).isEqualTo(new Position(1, 1));
    assertThat(root.keyPosition("kind")).isEqualTo(new Position(2, 1));
    MapNode metadata = Nodes.map(root, "metadata");
    assertThat(metadata.keyPosition("namespace")).isEqualTo(new Position(5, 3));
    assertThat(Nodes.at(metadata, "namespace").position()).isEqualTo(new Position(5, 14));
    FieldPath containers = FieldPath.of("spec", "template", "spec", "containers");
    assertThat(containers.index(1).locate(root)).isEqualTo(new Position(14, 11));
    assertThat(containers.index(1).resolve(FieldPath.of("image")).locate(root))
        .isEqualTo(new Position(15, 11));
  }

  @Test
  void missingFieldLocatesItsClosestParent() {
    MapNode root = RecordingSink.read(DEPLOYMENT).only().root();
    FieldPath resources =
        FieldPath.of("spec", "template", "spec", "containers")
            .index(1)
            .resolve(FieldPath.of("resources", "limits"));

    assertThat(resources.locate(root)).isEqualTo(new Position(14, 11));
  }

  @Test
  void laterDocumentsKeepAbsoluteLineNumbers() {
    String text =
        """
        # leading comment
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: first
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: second
        ---

        # a comment before the object
        apiVersion: v1
        kind: Service
        metadata:
          name: third
        """;

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.objects)
        .extracting(object -> object.location().line(), ManifestObject::documentIndex)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 0),
            org.assertj.core.groups.Tuple.tuple(7, 1),
            org.assertj.core.groups.Tuple.tuple(14, 2));
    assertThat(sink.objects.get(2).locate(FieldPath.of("metadata", "name")).line()).isEqualTo(17);
  }

  @Test
  void windowsLineEndsCountOnce() {
    String text =
        "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\n---\r\n"
            + "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: b\r\n";

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.names()).containsExactly("Pod a", "Pod b");
    assertThat(sink.objects.get(1).locate(FieldPath.of("metadata", "name")))
        .isEqualTo(new Location("test.yaml", 9, 3));
    assertThat(sink.objects.get(1).name()).isEqualTo("b");
  }

  @Test
  void oldMacLineEndsCountAsLines() {
    String text =
        "apiVersion: v1\rkind: Pod\rmetadata:\r  name: a\r---\rapiVersion: v1\rkind: Pod\r";

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.objects).hasSize(2);
    assertThat(sink.objects.get(0).locate(FieldPath.of("metadata", "name")).line()).isEqualTo(4);
    assertThat(sink.objects.get(1).location().line()).isEqualTo(6);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plain                | STRING  | plain
          '"true"'             | STRING  | true
          '''42'''             | STRING  | 42
          true                 | BOOLEAN | true
          FALSE                | BOOLEAN | false
          yes                  | BOOLEAN | true
          off                  | BOOLEAN | false
          y                    | BOOLEAN | true
          42                   | INTEGER | 42
          -7                   | INTEGER | -7
          0x1F                 | INTEGER | 31
          0o17                 | INTEGER | 15
          010                  | INTEGER | 8
          0644                 | INTEGER | 420
          0b101                | INTEGER | 5
          1e3                  | FLOAT   | 1000.0
          3.25                 | FLOAT   | 3.25
          .inf                 | FLOAT   | Infinity
          -.Inf                | FLOAT   | -Infinity
          ~                    | NULL    |
          null                 | NULL    |
          1_000                | INTEGER | 1000
          !!str 42             | STRING  | 42
          !!float 1            | FLOAT   | 1.0
          2024-01-01           | STRING  | 2024-01-01
          """)
  void scalarsResolveAsKubernetesReadsThem(String written, ScalarNode.Type type, String javaValue) {
    RecordingSink sink = RecordingSink.read("apiVersion: v1\nkind: X\nvalue: " + written + "\n");

    ScalarNode value = Nodes.scalar(sink.only().root(), "value");
    assertThat(value.type()).isEqualTo(type);
    Object java = value.toJava();
    assertThat(java == null ? null : String.valueOf(java)).isEqualTo(javaValue);
  }

  @Test
  void emptyValueIsNullAndBlockScalarIsString() {
    String text =
        """
        apiVersion: v1
        kind: ConfigMap
        empty:
        data:
          script: |
            echo 1
          number: >-
            12
        """;

    MapNode root = RecordingSink.read(text).only().root();

    assertThat(Nodes.scalar(root, "empty").isNull()).isTrue();
    assertThat(Nodes.at(root, "data").toJava())
        .isEqualTo(Map.of("script", "echo 1\n", "number", "12"));
  }

  @Test
  void aliasReusesTheAnchoredNode() {
    String text =
        """
        apiVersion: v1
        kind: Pod
        spec:
          containers:
            - name: a
              resources: &limits
                limits: {cpu: "1"}
            - name: b
              resources: *limits
        """;

    MapNode root = RecordingSink.read(text).only().root();

    Node first = Nodes.at(root, "spec", "containers", 0, "resources");
    Node second = Nodes.at(root, "spec", "containers", 1, "resources");
    assertThat(second).isSameAs(first);
    assertThat(first.position()).isEqualTo(new Position(6, 18));
  }

  @Test
  void mergeKeysCopyFieldsThatAreNotWrittenHere() {
    String text =
        """
        apiVersion: v1
        kind: Pod
        defaults: &defaults
          image: nginx
          imagePullPolicy: Always
        spec:
          container:
            name: web
            <<: *defaults
            imagePullPolicy: IfNotPresent
        """;

    MapNode container = Nodes.map(RecordingSink.read(text).only().root(), "spec", "container");

    assertThat(container.keys()).containsExactly("name", "image", "imagePullPolicy");
    assertThat(container.string("image")).isEqualTo("nginx");
    assertThat(container.string("imagePullPolicy")).isEqualTo("IfNotPresent");
    assertThat(container.keyPosition("image")).isEqualTo(new Position(4, 3));
  }

  @Test
  void quotedMergeKeyIsAnOrdinaryKey() {
    MapNode root = RecordingSink.read("apiVersion: v1\nkind: X\n'<<': text\n").only().root();

    assertThat(root.string("<<")).isEqualTo("text");
  }

  @Test
  void flowStyleDocumentIsRead() {
    String text = "{apiVersion: v1, kind: Pod, metadata: {name: flow}}\n";

    ManifestObject object = RecordingSink.read(text).only();

    assertThat(object.name()).isEqualTo("flow");
    assertThat(object.locate(FieldPath.of("metadata", "name")))
        .isEqualTo(new Location("test.yaml", 1, 40));
  }

  @Test
  void byteOrderMarkIsDropped() {
    RecordingSink sink =
        RecordingSink.read("\uFEFFapiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n");

    assertThat(sink.only().root().keyPosition("apiVersion")).isEqualTo(new Position(1, 1));
  }

  @Test
  void documentsSeparatedByEndMarkersAreAllRead() {
    String text =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        ...
        %YAML 1.2
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: b}
        ...
        apiVersion: v1
        kind: Pod
        metadata: {name: c}
        """;

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.names()).containsExactly("Pod a", "Pod b", "Pod c");
    assertThat(sink.objects).extracting(o -> o.location().line()).containsExactly(1, 7, 11);
  }

  @Test
  void emptyAndCommentOnlyDocumentsAreIgnoredSilently() {
    String text =
        """
        ---
        # Source: chart/templates/empty.yaml
        ---
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        ---
        """;

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.names()).containsExactly("Pod a");
    assertThat(sink.errors).isEmpty();
    assertThat(sink.notes).isEmpty();
  }
}
