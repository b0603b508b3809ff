package dev.bulwark.sensor.reports;

import java.time.Duration;

/**
 * How PolicyReports are written.
 *
 * @param name the name of the report in each namespace
 * @param maxResults the most results a report lists (the most severe failures); the summary counts
 *     them all
 * @param debounce how long changes in a namespace are gathered before its report is written
 * @param installDefinitions whether to install the PolicyReport CRDs when they are absent (if the
 *     sensor is permitted to)
 */
public record ReportSettings(
    String name, int maxResults, Duration debounce, boolean installDefinitions) {
  public static final String DEFAULT_NAME = "bulwark-policy-report";
  public static final int DEFAULT_MAX_RESULTS = 50;
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(3);

  public ReportSettings {
    if (maxResults < 0) {
      throw new IllegalArgumentException("maxResults must be 0 or more, not " + maxResults);
    }
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("debounce must not be negative");
    }
  }

  /** The defaults: 50 results, 3 seconds, install the CRDs when permitted. */
  public static ReportSettings defaults() {
    return new ReportSettings(DEFAULT_NAME, DEFAULT_MAX_RESULTS, DEFAULT_DEBOUNCE, true);
  }
}
