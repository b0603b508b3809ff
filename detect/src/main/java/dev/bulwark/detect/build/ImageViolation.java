package dev.bulwark.detect.build;

import dev.bulwark.detect.report.WaiverInfo;
import org.jspecify.annotations.Nullable;

/**
 * One way the image violates a policy.
 *
 * @param message what is wrong, naming the image and the value (a CVE with its package, a label, a
 *     Dockerfile line)
 * @param waiver why the violation is waived, null when it is not
 */
public record ImageViolation(String message, @Nullable WaiverInfo waiver) {
  public boolean waived() {
    return waiver != null;
  }
}
