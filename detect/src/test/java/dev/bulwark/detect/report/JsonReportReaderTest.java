package dev.bulwark.detect.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonReportReaderTest {
  @Test
  void aReadReportWritesTheSameJsonAgain() {
    String json = ReportFixtures.render(new JsonReportWriter(), ReportFixtures.representative());

    Report read = JsonReportReader.read(json);

    assertThat(ReportFixtures.render(new JsonReportWriter(), read)).isEqualTo(json);
    assertThat(read.summary()).isEqualTo(ReportFixtures.representative().summary());
  }

  @Test
  void theReadReportNamesThePoliciesOfItsFindings() {
    Report original = ReportFixtures.representative();

    Report read = JsonReportReader.read(ReportFixtures.render(new JsonReportWriter(), original));

    assertThat(read.policies())
        .allSatisfy(policy -> assertThat(policy.name()).isNotBlank())
        .extracting(PolicyInfo::id)
        .doesNotHaveDuplicates()
        .isNotEmpty();
    assertThat(read.results().getFirst().object())
        .isEqualTo(original.results().getFirst().object());
  }

  @Test
  void anotherDocumentIsRefused() {
    assertThatThrownBy(() -> JsonReportReader.read("{\"version\": \"9\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 1");
    assertThatThrownBy(() -> JsonReportReader.read("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
  }
}
