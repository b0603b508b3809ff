package dev.bulwark.cli.pss;

import dev.bulwark.detect.report.ReportError;
import dev.bulwark.detect.report.ReportNote;
import dev.bulwark.policy.pss.LevelVersion;
import java.util.List;

/**
 * Everything one {@code bulwark pss} run found, in input order.
 *
 * @param toolVersion the bulwark version
 * @param policy the level and version every pod was evaluated at
 * @param results one verdict per object with a pod spec
 * @param errors inputs that could not be read
 * @param notes things worth knowing that are not errors, such as skipped documents
 */
record PssReport(
    String toolVersion,
    LevelVersion policy,
    List<PodVerdict> results,
    List<ReportError> errors,
    List<ReportNote> notes) {
  PssReport {
    results = List.copyOf(results);
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
  }

  int denied() {
    return (int) results.stream().filter(verdict -> !verdict.result().allowed()).count();
  }

  int allowed() {
    return results.size() - denied();
  }

  /** {@code 3 pods: 2 allowed, 1 denied, 0 errors}. */
  String summaryLine() {
    return "%d %s: %d allowed, %d denied, %d %s"
        .formatted(
            results.size(),
            results.size() == 1 ? "pod" : "pods",
            allowed(),
            denied(),
            errors.size(),
            errors.size() == 1 ? "error" : "errors");
  }
}
