package dev.bulwark.central.api;

import dev.bulwark.central.auth.Principal;
import org.jspecify.annotations.Nullable;

/**
 * Where the route registry records audited calls (the audit log implements it). A call is recorded
 * before its handler runs, so that no change can happen unrecorded, and completed afterwards.
 */
public interface CallRecorder {
  /**
   * Records that {@code principal} started a call; returns the record's id.
   *
   * @throws RuntimeException when the record cannot be written; the call is then refused
   */
  long started(Principal principal, HttpMethod method, String path);

  /**
   * Completes a record with the response status and the id of the object the call created or
   * changed (null when there is none).
   */
  void finished(long record, int status, @Nullable String targetId);
}
