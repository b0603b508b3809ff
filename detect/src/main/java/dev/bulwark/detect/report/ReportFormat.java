package dev.bulwark.detect.report;

/** The output formats of {@code bulwark check}. */
public enum ReportFormat {
  /** Human-readable text for a terminal. */
  TABLE,
  /** The documented bulwark JSON report (docs/report-format.md). */
  JSON,
  /** SARIF 2.1.0, for code scanning dashboards such as GitHub's. */
  SARIF,
  /** JUnit XML, for CI test report views. */
  JUNIT;

  /**
   * The writer for this format.
   *
   * @param colour whether to use ANSI colours; only the table uses colour, and the caller should
   *     pass true only when the output is a terminal
   */
  public ReportWriter writer(boolean colour) {
    return switch (this) {
      case TABLE -> new TableReportWriter(colour);
      case JSON -> new JsonReportWriter();
      case SARIF -> new SarifReportWriter();
      case JUNIT -> new JunitReportWriter();
    };
  }
}
