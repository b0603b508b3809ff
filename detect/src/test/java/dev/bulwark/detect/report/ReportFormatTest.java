package dev.bulwark.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFormatTest {
  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void everyFormatRendersTheRepresentativeReport(ReportFormat format) {
    String output = ReportFixtures.render(format.writer(false), ReportFixtures.representative());
    assertThat(output).isNotBlank().endsWith("\n").doesNotContain("\u001B");
  }

  @Test
  void onlyTheTableUsesColour() {
    for (ReportFormat format : ReportFormat.values()) {
      String output = ReportFixtures.render(format.writer(true), ReportFixtures.representative());
      assertThat(output.contains("\u001B"))
          .as(format.name())
          .isEqualTo(format == ReportFormat.TABLE);
    }
  }
}
