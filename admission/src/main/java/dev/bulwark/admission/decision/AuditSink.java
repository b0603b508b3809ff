package dev.bulwark.admission.decision;

import dev.bulwark.admission.review.AdmissionRequest;

/**
 * Where decisions are recorded (not those of dry-run requests). Implementations must be thread-safe
 * and must not block for long: they run on the request path.
 */
@FunctionalInterface
public interface AuditSink {
  void record(AdmissionRequest request, Decision decision);
}
