package dev.bulwark.sensor.reports;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The sensor command's PolicyReport options, as a picocli mixin ({@code @Mixin ReportOptions}). Not
 * thread-safe (picocli fills it once).
 */
public final class ReportOptions {
  @Option(names = "--no-policy-reports", description = "Write no PolicyReports.")
  boolean off;

  @Option(
      names = "--policy-report-results",
      paramLabel = "N",
      description =
          "Most results a namespace's PolicyReport lists (the most severe failures; the summary"
              + " counts all). Default: ${DEFAULT-VALUE}.")
  int maxResults = ReportSettings.DEFAULT_MAX_RESULTS;

  @Option(
      names = "--policy-report-writes",
      paramLabel = "N",
      description =
          "Most PolicyReport writes per second, in bursts of as many (a sensor starting in a"
              + " cluster of many namespaces spares the API server). Default: ${DEFAULT-VALUE}.")
  int writesPerSecond = ReportSettings.DEFAULT_WRITES_PER_SECOND;

  @Option(
      names = "--no-policy-report-crds",
      description =
          "Do not install the PolicyReport CRDs when they are absent (apply"
              + " deploy/sensor/policyreport-crds.yaml yourself).")
  boolean noInstall;

  /** The settings these options give. */
  public ReportSettings settings() {
    return new ReportSettings(
        ReportSettings.DEFAULT_NAME,
        maxResults,
        ReportSettings.DEFAULT_DEBOUNCE,
        !noInstall,
        writesPerSecond);
  }

  /** A started report writer, or empty with {@code --no-policy-reports}; the caller closes it. */
  public Optional<PolicyReports> start(KubernetesClient client) {
    if (off) {
      return Optional.empty();
    }
    PolicyReports reports = new PolicyReports(client, settings());
    reports.start();
    return Optional.of(reports);
  }
}
