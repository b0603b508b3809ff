package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesObjectsTest {
  @Test
  void listIsExpandedIntoItemsThatKeepTheirPositions() {
    String text =
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: one}
          - apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: two
        """;

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.errors).isEmpty();
    assertThat(sink.names()).containsExactly("ConfigMap one", "Deployment two");
    assertThat(sink.objects.get(1).location()).isEqualTo(new Location("test.yaml", 7, 5));
    assertThat(sink.objects.get(1).locate(FieldPath.of("metadata", "name")).line()).isEqualTo(10);
    assertThat(sink.objects).extracting(ManifestObject::documentIndex).containsOnly(0);
  }

  @Test
  void typedListKindsAreExpandedToo() {
    String text =
        """
        apiVersion: v1
        kind: PodList
        metadata: {resourceVersion: "1"}
        items:
          - {apiVersion: v1, kind: Pod, metadata: {name: a}}
          - {apiVersion: v1, kind: Pod, metadata: {name: b}}
        """;

    assertThat(RecordingSink.read(text).names()).containsExactly("Pod a", "Pod b");
  }

  @Test
  void kindEndingInListWithoutItemsIsAnOrdinaryObject() {
    String text = "apiVersion: example.com/v1\nkind: ShoppingList\nspec: {}\n";

    assertThat(RecordingSink.read(text).only().kind()).isEqualTo("ShoppingList");
  }

  @Test
  void listItemsThatAreNotObjectsAreErrorsAndTheRestIsRead() {
    String text =
        """
        apiVersion: v1
        kind: List
        items:
          - just text
          - apiVersion: v1
            metadata: {name: nameless}
          - {apiVersion: v1, kind: Pod, metadata: {name: fine}}
        """;

    RecordingSink sink = RecordingSink.read(text);

    assertThat(sink.names()).containsExactly("Pod fine");
    assertThat(sink.errors).hasSize(2);
    assertThat(sink.errors.get(0).toString())
        .isEqualTo(
            "test.yaml:4:5: item 0 of this List is not a Kubernetes object (no apiVersion/kind);"
                + " remove it or fix it");
    assertThat(sink.errors.get(1).line()).isEqualTo(5);
    assertThat(sink.errors.get(1).message()).startsWith("item 1 of this List: object has no kind");
  }

  @Test
  void listWithItemsThatAreNotAListIsAnError() {
    RecordingSink sink = RecordingSink.read("apiVersion: v1\nkind: List\nitems: {a: 1}\n");

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors).singleElement().extracting(ManifestError::line).isEqualTo(3);
  }

  @Test
  void documentWithoutApiVersionAndKindIsSkippedWithANote() {
    String text =
        """
        replicaCount: 2
        image:
          repository: nginx
        ---
        just a string
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        """;

    RecordingSink sink = RecordingSink.read("values.yaml", text);

    assertThat(sink.names()).containsExactly("Pod a");
    assertThat(sink.errors).isEmpty();
    assertThat(sink.notes)
        .extracting(ManifestNote::toString)
        .containsExactly(
            "values.yaml:1: skipped: not a Kubernetes object (no apiVersion/kind)",
            "values.yaml:5: skipped: not a Kubernetes object (no apiVersion/kind)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          apiVersion without kind | apiVersion: v1\\nmetadata: {}       | 1 | object has no kind
          kind without apiVersion | metadata: {}\\nkind: Pod           | 2 | object of kind Pod has no apiVersion
          empty kind              | apiVersion: v1\\nkind: ''          | 2 | kind must be a non-empty string such as Deployment, not an empty string
          null kind               | apiVersion: v1\\nkind:             | 2 | kind must be a non-empty string such as Deployment, not empty
          numeric kind            | apiVersion: v1\\nkind: 5           | 2 | kind must be a non-empty string such as Deployment, not the number 5
          map kind                | apiVersion: v1\\nkind: {a: b}      | 2 | kind must be a non-empty string such as Deployment, not a map
          list apiVersion         | apiVersion: [v1]\\nkind: Pod       | 1 | apiVersion must be a non-empty string such as apps/v1, not a list
          """)
  void objectWithBadApiVersionOrKindIsAnError(
      String description, String yaml, int line, String message) {
    RecordingSink sink = RecordingSink.read(yaml.replace("\\n", "\n"));

    assertThat(sink.objects).isEmpty();
    assertThat(sink.errors)
        .singleElement()
        .satisfies(error -> {
          assertThat(error.line()).isEqualTo(line);
          assertThat(error.column()).isEqualTo(1);
          assertThat(error.message()).startsWith(message);
        });
  }

  @Test
  void textSourceBuildsSourceMapsWithItsFunction() {
    List<ManifestObject> seen = new ArrayList<>();
    ManifestSource.TextSource source =
        new ManifestSource.TextSource(
            "chart/templates/pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n",
            direct -> {
              seen.add(direct);
              return path -> new Location("chart/templates/pod.yaml", 42, 1);
            });
    RecordingSink sink = new RecordingSink();

    new ManifestReader(ReadLimits.DEFAULT).read(source, sink);

    ManifestObject object = sink.only();
    assertThat(object.locate(FieldPath.of("kind")).line()).isEqualTo(42);
    assertThat(seen)
        .singleElement()
        .satisfies(direct -> {
          assertThat(direct.root()).isSameAs(object.root());
          assertThat(direct.locate(FieldPath.of("kind")).line()).isEqualTo(2);
        });
  }
}
