package dev.bulwark.detect.report;

import java.util.List;

/**
 * Everything one check run found, in the order the writers should show it.
 *
 * @param toolVersion the bulwark version that produced the report
 * @param policies every policy that took part in the run; SARIF lists them as rules
 * @param results one entry per checked object, in input order
 * @param summary the counts over {@code results} and {@code errors}
 * @param errors inputs that could not be read or checked
 * @param notes things worth knowing that are not errors, such as skipped documents
 * @param expiredExceptions policy exceptions that no longer waive anything
 */
public record Report(
    String toolVersion,
    List<PolicyInfo> policies,
    List<ObjectResult> results,
    Summary summary,
    List<ReportError> errors,
    List<ReportNote> notes,
    List<ExpiredException> expiredExceptions) {
  public Report {
    policies = List.copyOf(policies);
    results = List.copyOf(results);
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
    expiredExceptions = List.copyOf(expiredExceptions);
  }
}
