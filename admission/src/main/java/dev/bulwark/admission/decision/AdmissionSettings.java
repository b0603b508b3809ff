package dev.bulwark.admission.decision;

import dev.bulwark.admission.images.MissingImageData;
import org.jspecify.annotations.Nullable;

/**
 * How the controller decides, beyond the policies.
 *
 * @param breakGlassAnnotation the annotation that admits an object the policies would deny (with an
 *     alert); null when break-glass is disabled
 * @param cluster the cluster name that policy scopes and exceptions compare against
 * @param missingImageData what an enforced policy that needs image data does without it
 */
public record AdmissionSettings(
    @Nullable String breakGlassAnnotation, String cluster, MissingImageData missingImageData) {
  public static final String DEFAULT_BREAK_GLASS = "admission.bulwark.dev/break-glass";

  /** Fail-open for missing image data. */
  public AdmissionSettings(@Nullable String breakGlassAnnotation, String cluster) {
    this(breakGlassAnnotation, cluster, MissingImageData.FAIL_OPEN);
  }

  public static AdmissionSettings defaults() {
    return new AdmissionSettings(DEFAULT_BREAK_GLASS, "");
  }
}
