package dev.bulwark.central.inventory;

import dev.bulwark.central.alerts.AlertReconciler;
import dev.bulwark.central.alerts.AlertSubject;
import dev.bulwark.central.alerts.DetectedViolation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** An alert reconciler that records what the inventory reports. Thread-safe. */
final class RecordingAlerts implements AlertReconciler {
  /** One report: violations is null for a removal. */
  record Report(AlertSubject subject, @Nullable List<DetectedViolation> violations) {
    boolean removed() {
      return violations == null;
    }

    List<String> policies() {
      return violations == null
          ? List.of()
          : violations.stream().map(DetectedViolation::policyId).toList();
    }
  }

  private final List<Report> reports = new ArrayList<>();

  @Override
  public synchronized void evaluatedAll(Handle handle, List<Evaluation> evaluations, Instant at) {
    evaluations.forEach(
        evaluation -> reports.add(new Report(evaluation.subject(), evaluation.violations())));
  }

  @Override
  public synchronized void removed(Handle handle, AlertSubject subject, Instant at) {
    reports.add(new Report(subject, null));
  }

  /** What was reported since the last call, and forgets it. */
  synchronized List<Report> take() {
    List<Report> taken = List.copyOf(reports);
    reports.clear();
    return taken;
  }
}
