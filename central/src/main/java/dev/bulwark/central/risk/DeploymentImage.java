package dev.bulwark.central.risk;

import dev.bulwark.core.image.ImageData;
import org.jspecify.annotations.Nullable;

/**
 * One image a deployment runs.
 *
 * @param name the image reference, for the facts
 * @param data what is known about it; null when nothing is (never scanned, not looked up)
 */
public record DeploymentImage(String name, @Nullable ImageData data) {
  /** Whether its components and vulnerabilities are known. */
  public boolean scanned() {
    return data != null && data.scanned() && data.vulnerabilitiesKnown();
  }
}
