package dev.bulwark.central.images;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where an image's scanning stands, as the API shows it.
 *
 * @param state {@code PENDING} until the first attempt ends (also while it runs), {@code SCANNED}
 *     once a scan succeeded (also when a later attempt failed: the last result stays), {@code
 *     FAILED} when no attempt succeeded yet
 * @param scannedAt the last successful scan
 * @param scannedDigest the manifest digest scanned (for an image known by name, what its tag
 *     pointed to)
 * @param os the operating system found
 * @param components how many components (packages) were found
 * @param vulnerabilities the vulnerabilities found; null when not checked
 * @param vulnerabilitiesChecked whether the components were matched against a vulnerability
 *     database (false when central has none: no vulnerabilities then says nothing)
 * @param databaseAt when the database matched against was imported
 * @param failures attempts failed since the last success
 * @param error why the last attempt failed, when it did
 * @param nextAttemptAt when central scans it again
 */
public record ImageScanStatus(
    String state,
    @Nullable Instant scannedAt,
    @Nullable String scannedDigest,
    @Nullable String os,
    @Nullable Integer components,
    @Nullable VulnerabilityCounts vulnerabilities,
    @Nullable Boolean vulnerabilitiesChecked,
    @Nullable Instant databaseAt,
    int failures,
    @Nullable String error,
    @Nullable Instant nextAttemptAt) {
  /** An image whose first attempt has not ended. */
  public static final ImageScanStatus PENDING =
      new ImageScanStatus("PENDING", null, null, null, null, null, null, null, 0, null, null);
}
