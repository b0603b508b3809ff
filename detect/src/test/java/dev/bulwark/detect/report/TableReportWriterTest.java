package dev.bulwark.detect.report;

import static dev.bulwark.detect.report.ReportFixtures.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableReportWriterTest {
  private final Report report = ReportFixtures.representative();

  @Test
  void matchesGoldenFile() throws Exception {
    GoldenFiles.assertMatches("report.table", render(new TableReportWriter(false), report));
  }

  @Test
  void matchesColouredGoldenFile() throws Exception {
    GoldenFiles.assertMatches("report.colour.table", render(new TableReportWriter(true), report));
  }

  @Test
  void withoutColourThereAreNoEscapeCharacters() {
    assertThat(render(new TableReportWriter(false), report)).doesNotContain("\u001B");
  }

  @Test
  void withColourSeveritiesAndBlockingAreColoured() {
    String output = render(new TableReportWriter(true), report);
    assertThat(output)
        .contains("\u001B[1;31mCRITICAL  \u001B[0m")
        .contains("\u001B[1;31mBLOCKING\u001B[0m")
        .contains("\u001B[2mMEDIUM    Latest image tag");
  }

  @Test
  void noLineEndsWithSpaces() {
    for (String line : render(new TableReportWriter(false), report).split("\n", -1)) {
      assertThat(line).doesNotEndWith(" ");
    }
  }

  @Test
  void objectsWithoutFindingsAreOnlyCounted() {
    String output = render(new TableReportWriter(false), report);
    assertThat(output).doesNotContain("Service shop/web").contains("4 objects,");
  }

  @Test
  void summaryUsesSingularForOne() {
    ObjectRef pod = new ObjectRef("v1", "Pod", "default", "single", "pod.yaml", 1);
    Finding finding =
        new Finding(
            "Privileged container",
            "privileged-container",
            Severity.HIGH,
            "container \"c\" runs privileged",
            "pod.yaml",
            9,
            7,
            "spec.containers[0].securityContext.privileged",
            true,
            false,
            null,
            List.of());
    List<ObjectResult> results =
        List.of(new ObjectResult(pod, List.of(finding), List.of(), List.of()));
    List<ReportError> errors = List.of(new ReportError("", 0, 0, "no input files given"));
    Report single =
        new Report(
            "0.1.0-test",
            List.of(),
            results,
            Summary.of(results, errors),
            errors,
            List.of(),
            List.of());
    assertThat(render(new TableReportWriter(false), single))
        .isEqualTo(
            """
            pod.yaml:1  Pod default/single
              HIGH      Privileged container  container "c" runs privileged  (pod.yaml:9:7)  BLOCKING

            no input files given

            1 object, 1 violation (1 blocking, 0 waived), 0 not evaluated, 1 error
            """);
  }

  @Test
  void controlCharactersFromTheInputCannotReachTheTerminal() {
    ObjectRef pod = new ObjectRef("v1", "Pod", "default", "evil\u001B[2Jname", "pod.yaml", 1);
    NotEvaluated notEvaluated = new NotEvaluated("Image age", "image-age", "line one\nline two\t");
    List<ObjectResult> results =
        List.of(new ObjectResult(pod, List.of(), List.of(notEvaluated), List.of()));
    Report hostile =
        new Report(
            "0.1.0-test",
            List.of(),
            results,
            Summary.of(results, List.of()),
            List.of(),
            List.of(),
            List.of());
    String output = render(new TableReportWriter(false), hostile);
    assertThat(output)
        .doesNotContain("\u001B")
        .contains("Pod default/evil\\u001B[2Jname")
        .contains("  SKIPPED   Image age  not evaluated: line one\\nline two\n");
  }
}
