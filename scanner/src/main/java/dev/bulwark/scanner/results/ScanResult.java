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
 * @param data the image data policies evaluate: metadata, components and the vulnerabilities, with
 *     what the scan does not know declared unknown (every vulnerability field when no database was
 *     matched against, see {@link #vulnerabilitiesChecked()})
 * @param database when the database matched against was last imported, null when there was none
 * @param analyzers the version of every analyzer that ran, by analyzer name
 */
public record ScanResult(
    String digest,
    String reference,
    Platform platform,
    ImageData data,
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
   * Whether the components were matched against a vulnerability database; when false, the data
   * declares its vulnerabilities unknown.
   */
  public boolean vulnerabilitiesChecked() {
    return data.vulnerabilitiesKnown();
  }
}
