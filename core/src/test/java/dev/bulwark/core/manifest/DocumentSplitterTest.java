package dev.bulwark.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.DocumentSplitter.DocumentSlice;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentSplitterTest {
  private static List<String> pieces(String text) {
    return DocumentSplitter.split(text).stream()
        .map(slice -> text.substring(slice.start(), slice.end()))
        .toList();
  }

  @Test
  void cutsAtDocumentMarkersAndCountsLinesBefore() {
    String text = "# header\n---\na: 1\n---\nb: 2\n--- # third\nc: 3";

    List<DocumentSlice> slices = DocumentSplitter.split(text);

    assertThat(pieces(text))
        .containsExactly("# header\n---\na: 1\n", "---\nb: 2\n", "--- # third\nc: 3");
    assertThat(slices).extracting(DocumentSlice::lineOffset).containsExactly(0, 3, 5);
  }

  @Test
  void markerMustStandAloneAtTheStartOfALine() {
    String text = "a: |\n  ---\n---x: 1\n----\nb: --- \n";

    assertThat(pieces(text)).containsExactly(text);
  }

  @Test
  void commentOnlyTextHasNoDocuments() {
    assertThat(DocumentSplitter.split("# nothing\n\n   # here\n")).isEmpty();
    assertThat(DocumentSplitter.split("")).isEmpty();
  }

  @Test
  void directivesAfterAnEndMarkerGoWithTheNextDocument() {
    String text = "a: 1\n...\n%YAML 1.2\n---\nb: 2\n";

    assertThat(pieces(text)).containsExactly("a: 1\n...\n", "%YAML 1.2\n---\nb: 2\n");
  }

  @Test
  void contentAfterAnEndMarkerStartsADocument() {
    String text = "a: 1\n...\n# comment\nb: 2\n";

    assertThat(pieces(text)).containsExactly("a: 1\n...\n# comment\n", "b: 2\n");
  }

  @Test
  void loneCarriageReturnsEndLines() {
    String text = "a: 1\r---\rkind: Pod\r";

    List<DocumentSlice> slices = DocumentSplitter.split(text);

    assertThat(slices).extracting(DocumentSlice::lineOffset).containsExactly(0, 1);
    assertThat(slices.get(1).visibleKind()).isEqualTo("Pod");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      nullValues = "none",
      textBlock =
          """
          plain                       ; apiVersion: v1\\nkind: Pod\\n                    ; Pod
          double quoted and comment   ; kind: "Service" # note\\napiVersion: v1\\n       ; Service
          single quoted               ; kind: 'ConfigMap'\\n                             ; ConfigMap
          windows line end            ; kind: Secret\\r\\nmetadata: {}\\r\\n            ; Secret
          after marker and comments   ; ---\\n# c\\n\\nkind: Role\\n                    ; Role
          indented kind is not seen   ; spec:\\n  kind: Pod\\n                           ; none
          flow root                   ; {apiVersion: v1,\\nkind: Pod}\\n                 ; none
          content on the marker line  ; --- !custom\\nkind: Pod\\n                       ; none
          block scalar root           ; --- |\\nkind: Pod\\n                             ; none
          value on the next line      ; kind:\\n  Pod\\n                                 ; none
          value continued             ; kind: Pod\\n  Disruption\\n                      ; none
          two kind lines              ; kind: Pod\\nkind: Service\\n                     ; none
          no space after colon        ; kind:Pod\\n                                      ; none
          odd characters              ; kind: Po$d\\n                                    ; none
          unclosed quote              ; kind: "Pod\\n                                    ; none
          alias                       ; kind: *k\\n                                      ; none
          two documents in one slice  ; ---\\n---\\nkind: Pod\\n                         ; none
          """)
  void kindIsVisibleOnlyWhenCertain(String description, String text, String kind) {
    String unescaped = text.replace("\\n", "\n").replace("\\r", "\r");

    List<DocumentSlice> slices = DocumentSplitter.split(unescaped);

    assertThat(slices).hasSize(1);
    assertThat(slices.get(0).visibleKind()).isEqualTo(kind);
  }
}
