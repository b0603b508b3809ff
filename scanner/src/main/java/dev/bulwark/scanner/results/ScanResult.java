package dev.bulwark.scanner.results;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.scanner.image.Platform;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one scan of an image found, as the result store keeps it. Immutable.
 *
 * @param digest the manifest digest of the scanned image ({@code sha256:...}); for an image without
 *     a manifest (a {@code docker save} archive) its config digest, for a root filesystem empty
 * @param reference the reference it was scanned from, for people reading the store
 * @param platform the platform the image was chosen for
 * @param data the image data: metadata, components and, when {@code vulnerabilitiesChecked}, the
 *     vulnerabilities
 * @param vulnerabilitiesChecked whether the components were matched against a vulnerability
 *     database; when false, {@code data} has no vulnerabilities because none were looked up
 * @param database when the database matched against was last imported, null when there was none
 * @param analyzers the version of every analyzer that ran, by analyzer name
 */
public record ScanResult(
    String digest,
    String reference,
    Platform platform,
    ImageData data,
    boolean vulnerabilitiesChecked,
    @Nullable Instant database,
    Map<String, Integer> analyzers) {
  public ScanResult {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(data, "data");
    analyzers = Collections.unmodifiableMap(new TreeMap<>(analyzers));
  }

  /**
   * The data policies evaluate. Without a vulnerability check the image counts as not scanned, so
   * that vulnerability and component criteria are reported as not evaluated, never as passed on an
   * empty list, and {@code Unscanned Image} matches; metadata criteria (user, labels, age,
   * Dockerfile lines) are still decided.
   */
  public ImageData imageData() {
    if (vulnerabilitiesChecked) {
      return data;
    }
    return new ImageData(
        false,
        data.os(),
        data.user(),
        data.labels(),
        data.components(),
        data.vulnerabilities(),
        data.dockerfile(),
        data.created(),
        data.scanTime(),
        data.verifiedBy());
  }
}
