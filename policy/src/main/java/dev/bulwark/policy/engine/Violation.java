package dev.bulwark.policy.engine;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import org.jspecify.annotations.Nullable;

/**
 * One way an object violates a policy.
 *
 * @param message what is wrong, naming the container and the value, never a secret value; no
 *     trailing period
 * @param path the offending field (or its closest existing parent)
 * @param location where a person wrote that field
 * @param waiver non-null when an exception or annotation waives it
 */
public record Violation(
    String message, FieldPath path, Location location, @Nullable Waiver waiver) {
  public boolean waived() {
    return waiver != null;
  }
}
