package dev.bulwark.detect.report;

import java.util.List;

/**
 * The counts of a report.
 *
 * @param objects checked objects
 * @param violations findings, waived ones included
 * @param blocking findings that fail the run
 * @param waived findings waived by an exception or annotation
 * @param notEvaluated (object, policy) pairs that could not be evaluated
 * @param errors inputs that could not be read or checked
 */
public record Summary(
    int objects, int violations, int blocking, int waived, int notEvaluated, int errors) {
  /** Counts {@code results} and {@code errors} the way every report format states them. */
  public static Summary of(List<ObjectResult> results, List<ReportError> errors) {
    int violations = 0;
    int blocking = 0;
    int waived = 0;
    int notEvaluated = 0;
    for (ObjectResult result : results) {
      violations += result.violations().size();
      notEvaluated += result.notEvaluated().size();
      for (Finding finding : result.violations()) {
        blocking += finding.blocking() ? 1 : 0;
        waived += finding.waived() ? 1 : 0;
      }
    }
    return new Summary(results.size(), violations, blocking, waived, notEvaluated, errors.size());
  }
}
