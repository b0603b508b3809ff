package dev.bulwark.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void countsWaivedAndBlockingFindingsAmongViolations() {
    Report report = ReportFixtures.representative();
    assertThat(Summary.of(report.results(), report.errors()))
        .isEqualTo(new Summary(4, 5, 1, 2, 1, 2));
  }

  @Test
  void emptyRunCountsNothing() {
    assertThat(Summary.of(List.of(), List.of())).isEqualTo(new Summary(0, 0, 0, 0, 0, 0));
  }
}
