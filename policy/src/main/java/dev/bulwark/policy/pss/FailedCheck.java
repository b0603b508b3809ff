package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import java.util.Objects;

/**
 * One check a pod fails.
 *
 * @param id the admission plugin's check ID, such as {@code runAsNonRoot}
 * @param message what is wrong; starts with the short reason the admission plugin gives (such as
 *     {@code runAsNonRoot != true}), then names the pod parts and values at fault
 * @param path the first offending field, or its closest parent when the fault is a missing field
 * @param location where {@code path} was written
 */
public record FailedCheck(String id, String message, FieldPath path, Location location) {
  public FailedCheck {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(location, "location");
  }

  /** The 1-based line of the offending field; 0 when unknown. */
  public int line() {
    return location.line();
  }
}
