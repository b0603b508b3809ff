package dev.bulwark.admission.review;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The controller's answer: allowed or not, with the denial's HTTP code and message, and the
 * warnings kubectl prints either way.
 */
public record AdmissionResponse(
    String uid, boolean allowed, int code, @Nullable String message, List<String> warnings) {
  public AdmissionResponse {
    warnings = List.copyOf(warnings);
  }

  public static AdmissionResponse allow(String uid, List<String> warnings) {
    return new AdmissionResponse(uid, true, 200, null, warnings);
  }

  public static AdmissionResponse deny(String uid, String message, List<String> warnings) {
    return new AdmissionResponse(uid, false, 403, message, warnings);
  }
}
