package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class KindFilterTest {
  private static final Predicate<String> CONTEXT_KINDS = Set.of("Service", "Namespace")::contains;

  @Test
  void rejectedVisibleKindIsSkippedWithoutParsing() {
    String text =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: broken
          labels: app: web
          name: duplicate
        ---
        apiVersion: v1
        kind: "Service"   # quoted, with a comment
        metadata:
          name: web
        """;

    RecordingSink everything = RecordingSink.read(text);
    RecordingSink contextOnly =
        RecordingSink.read("test.yaml", text, ReadLimits.DEFAULT, CONTEXT_KINDS);

    assertThat(everything.errors).isNotEmpty();
    assertThat(contextOnly.errors).isEmpty();
    assertThat(contextOnly.names()).containsExactly("Service web");
    assertThat(contextOnly.objects.get(0).documentIndex()).isEqualTo(1);
  }

  @Test
  void predicateIsAskedOncePerVisibleKindAndParsedObjectsAreFilteredAfterwards() {
    String text =
        """
        apiVersion: v1
        kind: ConfigMap
        ---
        {apiVersion: v1, kind: ConfigMap}
        ---
        {apiVersion: v1, kind: Namespace, metadata: {name: prod}}
        """;
    List<String> asked = new ArrayList<>();

    RecordingSink sink =
        RecordingSink.read(
            "test.yaml",
            text,
            ReadLimits.DEFAULT,
            kind -> {
              asked.add(kind);
              return CONTEXT_KINDS.test(kind);
            });

    assertThat(sink.names()).containsExactly("Namespace prod");
    assertThat(asked).containsExactly("ConfigMap", "ConfigMap", "Namespace");
  }

  @Test
  void listsAreAlwaysParsedAndTheirItemsFilteredOneByOne() {
    String text =
        """
        apiVersion: v1
        kind: List
        items:
          - {apiVersion: v1, kind: Service, metadata: {name: web}}
          - {apiVersion: v1, kind: Pod, metadata: {name: p}}
        ---
        apiVersion: v1
        kind: ServiceList
        items:
          - {apiVersion: v1, kind: Service, metadata: {name: api}}
        """;

    RecordingSink sink = RecordingSink.read("test.yaml", text, ReadLimits.DEFAULT, CONTEXT_KINDS);

    assertThat(sink.names()).containsExactly("Service web", "Service api");
  }

  @Test
  void kindThatIsNotSurelyTopLevelIsParsedBeforeFiltering() {
    String text =
        """
        --- |
          kind: Secret
        ---
        apiVersion: v1
        kind: Secret
        kind: Service
        """;

    RecordingSink sink = RecordingSink.read("test.yaml", text, ReadLimits.DEFAULT, CONTEXT_KINDS);

    assertThat(sink.notes).hasSize(1);
    assertThat(sink.errors).singleElement().extracting(ManifestError::line).isEqualTo(6);
  }
}
