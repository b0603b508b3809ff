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
 * @param writesPerSecond the most report writes per second (bursts of as many), sparing the API
 *     server when a sensor starts in a cluster of many namespaces
 */
public record ReportSettings(
    String name,
    int maxResults,
    Duration debounce,
    boolean installDefinitions,
    int writesPerSecond) {
  public static final String DEFAULT_NAME = "bulwark-policy-report";
  public static final int DEFAULT_MAX_RESULTS = 50;
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(3);
  public static final int DEFAULT_WRITES_PER_SECOND = 5;

  public ReportSettings {
    if (maxResults < 0) {
      throw new IllegalArgumentException("maxResults must be 0 or more, not " + maxResults);
    }
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("debounce must not be negative");
    }
    if (writesPerSecond < 1) {
      throw new IllegalArgumentException(
          "writesPerSecond must be 1 or more, not " + writesPerSecond);
    }
  }

  /** The defaults: 50 results, 3 seconds, install the CRDs when permitted, 5 writes a second. */
  public static ReportSettings defaults() {
    return new ReportSettings(
        DEFAULT_NAME, DEFAULT_MAX_RESULTS, DEFAULT_DEBOUNCE, true, DEFAULT_WRITES_PER_SECOND);
  }
}
