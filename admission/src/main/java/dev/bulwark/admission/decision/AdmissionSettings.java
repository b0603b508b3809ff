package dev.bulwark.admission.decision;

import org.jspecify.annotations.Nullable;

/**
 * How the controller decides, beyond the policies.
 *
 * @param breakGlassAnnotation the annotation that admits an object the policies would deny (with an
 *     alert); null when break-glass is disabled
 * @param cluster the cluster name that policy scopes and exceptions compare against
 */
public record AdmissionSettings(@Nullable String breakGlassAnnotation, String cluster) {
  public static final String DEFAULT_BREAK_GLASS = "admission.bulwark.dev/break-glass";

  public static AdmissionSettings defaults() {
    return new AdmissionSettings(DEFAULT_BREAK_GLASS, "");
  }
}
