package dev.bulwark.sensor.reports;

import dev.bulwark.policy.model.Severity;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.evaluation.DeploymentVerdict;
import dev.bulwark.sensor.evaluation.PolicyViolation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one namespace's PolicyReport says: a summary of every result, and the most severe failing
 * results up to a bound. Results are failures only: a (deployment, policy) pair the deployment
 * violates. The summary's {@code pass} counts deployments that violate nothing (the sensor hears
 * verdicts per deployment, not per policy); {@code warn}, {@code error} and {@code skip} are 0.
 *
 * @param summary pass, fail, warn, error and skip counts
 * @param results the listed results, most severe first, as the report's {@code results} items
 */
record ReportContent(Map<String, Integer> summary, List<Map<String, Object>> results) {
  static final String SOURCE = "bulwark";
  private static final int MAX_MESSAGES = 10;
  private static final int MAX_MESSAGE_LENGTH = 1024;

  ReportContent {
    summary = Map.copyOf(summary);
    results = List.copyOf(results);
  }

  /** One failing result before it is bounded. */
  private record Failure(DeploymentVerdict verdict, PolicyViolation violation) {}

  private static final Comparator<Failure> MOST_SEVERE_FIRST =
      Comparator.comparing((Failure failure) -> failure.violation().severity())
          .reversed()
          .thenComparing(failure -> failure.verdict().deployment().name())
          .thenComparing(failure -> failure.verdict().deployment().kind())
          .thenComparing(failure -> failure.violation().policyName())
          .thenComparing(failure -> failure.violation().policyId());

  /** The report of {@code verdicts} (one per deployment), listing at most {@code maxResults}. */
  static ReportContent of(Collection<DeploymentVerdict> verdicts, int maxResults) {
    List<Failure> failures = new ArrayList<>();
    int passing = 0;
    for (DeploymentVerdict verdict : verdicts) {
      if (verdict.violations().isEmpty()) {
        passing++;
      }
      for (PolicyViolation violation : verdict.violations()) {
        failures.add(new Failure(verdict, violation));
      }
    }
    failures.sort(MOST_SEVERE_FIRST);
    Map<String, Integer> summary = new LinkedHashMap<>();
    summary.put("pass", passing);
    summary.put("fail", failures.size());
    summary.put("warn", 0);
    summary.put("error", 0);
    summary.put("skip", 0);
    List<Map<String, Object>> results =
        failures.stream().limit(maxResults).map(ReportContent::result).toList();
    return new ReportContent(summary, results);
  }

  /** The policy working group's severity for ours. */
  static String severity(Severity severity) {
    return severity.name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, Object> result(Failure failure) {
    DeploymentRef deployment = failure.verdict().deployment();
    PolicyViolation violation = failure.violation();
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("apiVersion", deployment.apiVersion());
    resource.put("kind", deployment.kind());
    resource.put("namespace", deployment.namespace());
    resource.put("name", deployment.name());
    resource.put("uid", deployment.uid());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("source", SOURCE);
    result.put("policy", violation.policyName());
    result.put("rule", violation.policyId());
    result.put("result", "fail");
    result.put("severity", severity(violation.severity()));
    result.put("scored", true);
    result.put("message", message(violation));
    result.put("resources", List.of(resource));
    result.put(
        "timestamp",
        Map.of("seconds", failure.verdict().evaluatedAt().getEpochSecond(), "nanos", 0));
    return result;
  }

  private static String message(PolicyViolation violation) {
    List<String> messages = violation.messages();
    String joined =
        messages.isEmpty()
            ? "violates policy " + violation.policyName()
            : String.join("; ", messages.subList(0, Math.min(messages.size(), MAX_MESSAGES)));
    if (messages.size() > MAX_MESSAGES) {
      joined += "; and " + (messages.size() - MAX_MESSAGES) + " more";
    }
    return joined.length() <= MAX_MESSAGE_LENGTH
        ? joined
        : joined.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
  }

  /**
   * The content without the results' timestamps: a re-evaluation that finds the same does not
   * rewrite the report.
   */
  Object comparable() {
    List<Map<String, Object>> stripped = new ArrayList<>();
    for (Map<String, Object> result : results) {
      Map<String, Object> copy = new LinkedHashMap<>(result);
      copy.remove("timestamp");
      stripped.add(copy);
    }
    return List.of(summary, stripped);
  }
}
