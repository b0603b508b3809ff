package dev.bulwark.central.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bulwark.central.api.Json;
import dev.bulwark.central.storage.Rows;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.scanner.results.ScanResult;
import dev.bulwark.scanner.results.ScanResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code image_scans} table: the last successful scan of each image key and the state of the
 * attempts since. Thread-safe; only the scanning job writes.
 */
public final class ImageScanStore {
  /** How long a failed image waits after its first failure; it doubles with each further one. */
  static final Duration FIRST_RETRY = Duration.ofMinutes(1);

  /** The longest wait between attempts at a failing image. */
  static final Duration LONGEST_RETRY = Duration.ofHours(6);

  private static final int MAX_ERROR_LENGTH = 2000;

  /** The status columns, for queries joining {@code image_scans s} to images. */
  public static final String STATUS_COLUMNS =
      "s.result IS NOT NULL AS scan_succeeded,"
          + " s.scanned_at, s.digest AS scanned_digest, s.os AS scan_os,"
          + " s.components AS scan_components, s.vulnerabilities::text AS scan_vulnerabilities,"
          + " s.vulnerabilities_checked, s.database_at, s.failures AS scan_failures,"
          + " s.error AS scan_error, s.next_attempt_at";

  private final Jdbi jdbi;

  public ImageScanStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** An image to scan: its key and the reference to pull. */
  public record DueImage(String key, String reference) {}

  /**
   * Claims up to {@code limit} of the inventory's images due for a scan, never-attempted ones
   * first, for {@code lease}: those without a scan, those whose next attempt is due, and those last
   * scanned with other analyzers or another database ({@code freshness} differs). An image claimed
   * and not yet recorded is not claimed again before its lease ends. Called by one replica at a
   * time (the scanning job is a singleton job).
   */
  public List<DueImage> claim(Instant now, String freshness, int limit, Duration lease) {
    return jdbi.inTransaction(handle -> {
      List<DueImage> due =
          handle
              .createQuery(
                  "SELECT i.key, i.name FROM images i LEFT JOIN image_scans s ON s.key = i.key"
                      + " WHERE (s.key IS NULL OR s.next_attempt_at <= :now"
                      + " OR (s.result IS NOT NULL AND s.freshness IS DISTINCT FROM :freshness))"
                      + " AND (s.claimed_until IS NULL OR s.claimed_until <= :now)"
                      + " ORDER BY s.key IS NOT NULL, s.next_attempt_at, i.key LIMIT :limit")
              .bind("now", now)
              .bind("freshness", freshness)
              .bind("limit", limit)
              .map((rows, context) ->
                  new DueImage(
                      rows.getString("key"),
                      ImageKeys.reference(rows.getString("key"), rows.getString("name"))))
              .list();
      if (!due.isEmpty()) {
        handle
            .createUpdate(
                "INSERT INTO image_scans (key, reference, attempted_at, next_attempt_at,"
                    + " claimed_until) SELECT k, r, :now, :now, :until FROM"
                    + " unnest(CAST(:keys AS text[]), CAST(:references AS text[])) AS t (k, r)"
                    + " ON CONFLICT (key) DO UPDATE SET reference = excluded.reference,"
                    + " attempted_at = excluded.attempted_at,"
                    + " claimed_until = excluded.claimed_until")
            .bind("now", now)
            .bind("until", now.plus(lease))
            .bindArray("keys", String.class, due.stream().map(DueImage::key).toList())
            .bindArray("references", String.class, due.stream().map(DueImage::reference).toList())
            .execute();
      }
      return due;
    });
  }

  /** Stores a successful scan; the next one is due at {@code next}. */
  public void recordScan(
      DueImage image, ScanResult result, String freshness, Instant now, Instant next) {
    ImageData data = result.data();
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "INSERT INTO image_scans (key, reference, digest, result, scanned_at, os,"
                    + " components, vulnerabilities, vulnerabilities_checked, database_at,"
                    + " freshness, attempted_at, failures, error, next_attempt_at)"
                    + " VALUES (:key, :reference, :digest, CAST(:result AS jsonb), :now, :os,"
                    + " :components, CAST(:vulnerabilities AS jsonb), :checked, :database,"
                    + " :freshness, :now, 0, NULL, :next)"
                    + " ON CONFLICT (key) DO UPDATE SET reference = excluded.reference,"
                    + " digest = excluded.digest, result = excluded.result,"
                    + " scanned_at = excluded.scanned_at, os = excluded.os,"
                    + " components = excluded.components,"
                    + " vulnerabilities = excluded.vulnerabilities,"
                    + " vulnerabilities_checked = excluded.vulnerabilities_checked,"
                    + " database_at = excluded.database_at, freshness = excluded.freshness,"
                    + " attempted_at = excluded.attempted_at, failures = 0, error = NULL,"
                    + " next_attempt_at = excluded.next_attempt_at, claimed_until = NULL")
            .bind("key", image.key())
            .bind("reference", image.reference())
            .bind("digest", result.digest().isEmpty() ? null : result.digest())
            .bind("result", stored(result))
            .bind("now", now)
            .bind("os", data.os())
            .bind("components", data.components().size())
            .bind(
                "vulnerabilities",
                data.vulnerabilitiesKnown()
                    ? json(VulnerabilityCounts.of(data.vulnerabilities()))
                    : null)
            .bind("checked", result.vulnerabilitiesChecked())
            .bind("database", result.database())
            .bind("freshness", freshness)
            .bind("next", next)
            .execute());
  }

  /**
   * Records a failed attempt, keeping the last successful result if there is one; the next attempt
   * waits {@link #FIRST_RETRY}, doubling with each further failure up to {@link #LONGEST_RETRY}.
   *
   * @return the failures since the last success, this one included
   */
  public int recordFailure(DueImage image, String error, Instant now) {
    return jdbi.inTransaction(handle -> {
      int failures =
          handle
                  .createQuery("SELECT failures FROM image_scans WHERE key = :key FOR UPDATE")
                  .bind("key", image.key())
                  .mapTo(Integer.class)
                  .findOne()
                  .orElse(0)
              + 1;
      handle
          .createUpdate(
              "INSERT INTO image_scans (key, reference, attempted_at, failures, error,"
                  + " next_attempt_at) VALUES (:key, :reference, :now, :failures, :error, :next)"
                  + " ON CONFLICT (key) DO UPDATE SET reference = excluded.reference,"
                  + " attempted_at = excluded.attempted_at, failures = excluded.failures,"
                  + " error = excluded.error, next_attempt_at = excluded.next_attempt_at,"
                  + " claimed_until = NULL")
          .bind("key", image.key())
          .bind("reference", image.reference())
          .bind("now", now)
          .bind("failures", failures)
          .bind("error", printable(error))
          .bind("next", now.plus(retryAfter(failures)))
          .execute();
      return failures;
    });
  }

  /** How long to wait after the given number of consecutive failures. */
  public static Duration retryAfter(int failures) {
    Duration wait = FIRST_RETRY;
    for (int count = 1; count < failures && wait.compareTo(LONGEST_RETRY) < 0; count++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(LONGEST_RETRY) < 0 ? wait : LONGEST_RETRY;
  }

  /**
   * Deletes the scans of keys no image has, last attempted before {@code before}.
   *
   * @return how many were deleted
   */
  public int pruneUnused(Instant before) {
    return jdbi.withHandle(handle ->
        handle
            .createUpdate(
                "DELETE FROM image_scans s WHERE s.attempted_at < :before"
                    + " AND NOT EXISTS (SELECT 1 FROM images i WHERE i.key = s.key)")
            .bind("before", before)
            .execute());
  }

  /**
   * The image data of the keys that have a readable scan result. A result in a form this build
   * cannot read is left out (its image counts as not scanned) and is scanned again, since its
   * freshness cannot match.
   */
  public static Map<String, ImageData> data(Handle handle, Collection<String> keys) {
    Map<String, ImageData> data = new HashMap<>();
    if (keys.isEmpty()) {
      return data;
    }
    handle
        .createQuery(
            "SELECT key, result::text AS result FROM image_scans"
                + " WHERE key = ANY(CAST(:keys AS text[])) AND result IS NOT NULL")
        .bindArray("keys", String.class, List.copyOf(keys))
        .map((rows, context) -> Map.entry(rows.getString("key"), rows.getString("result")))
        .forEach(row -> read(row.getValue()).ifPresent(result -> data.put(row.getKey(), result)));
    return data;
  }

  /**
   * The image data of the keys that have a readable scan result and that a deployment of the
   * cluster uses: a cluster learns nothing of images it does not run.
   */
  public Map<String, ImageData> dataInCluster(UUID cluster, Collection<String> keys) {
    Map<String, ImageData> data = new HashMap<>();
    if (keys.isEmpty()) {
      return data;
    }
    jdbi.useHandle(handle ->
        handle
            .createQuery(
                "SELECT s.key, s.result::text AS result FROM image_scans s"
                    + " WHERE s.key = ANY(CAST(:keys AS text[])) AND s.result IS NOT NULL"
                    + " AND EXISTS (SELECT 1 FROM images i"
                    + " JOIN deployment_images l ON l.image_id = i.id"
                    + " JOIN deployments d ON d.id = l.deployment_id"
                    + " WHERE i.key = s.key AND d.cluster_id = :cluster)")
            .bindArray("keys", String.class, List.copyOf(keys))
            .bind("cluster", cluster)
            .map((rows, context) -> Map.entry(rows.getString("key"), rows.getString("result")))
            .forEach(
                row -> read(row.getValue()).ifPresent(result -> data.put(row.getKey(), result))));
    return data;
  }

  /** The image data of one key, if it has a readable scan result. */
  public Optional<ImageData> data(String key) {
    return Optional.ofNullable(jdbi.withHandle(handle -> data(handle, List.of(key))).get(key));
  }

  /** The scan status from a row holding {@link #STATUS_COLUMNS}. */
  public static ImageScanStatus status(ResultSet rows) throws SQLException {
    boolean succeeded = rows.getBoolean("scan_succeeded");
    if (!succeeded && rows.getInt("scan_failures") == 0) {
      return ImageScanStatus.PENDING;
    }
    String vulnerabilities = rows.getString("scan_vulnerabilities");
    return new ImageScanStatus(
        succeeded ? "SCANNED" : "FAILED",
        Rows.instant(rows, "scanned_at"),
        rows.getString("scanned_digest"),
        rows.getString("scan_os"),
        succeeded ? rows.getInt("scan_components") : null,
        vulnerabilities == null ? null : counts(vulnerabilities),
        succeeded ? rows.getBoolean("vulnerabilities_checked") : null,
        Rows.instant(rows, "database_at"),
        rows.getInt("scan_failures"),
        rows.getString("scan_error"),
        Rows.instant(rows, "next_attempt_at"));
  }

  private static VulnerabilityCounts counts(String json) {
    try {
      return Json.MAPPER.readValue(json, VulnerabilityCounts.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored vulnerability counts do not parse", e);
    }
  }

  private static Optional<ImageData> read(String stored) {
    try {
      return Optional.of(ScanResultJson.read(stored.getBytes(StandardCharsets.UTF_8)).data());
    } catch (ScanResultJson.MalformedResultException e) {
      return Optional.empty();
    }
  }

  private static String stored(ScanResult result) {
    try {
      return new String(ScanResultJson.write(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("a scan result cannot be written as JSON", e);
    }
  }

  /** The error as PostgreSQL can store it (no NUL) and bounded. */
  private static String printable(String error) {
    String text = error.replace('\u0000', ' ');
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
  }

  private static String json(VulnerabilityCounts counts) {
    try {
      return Json.MAPPER.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("counts are always written", e);
    }
  }
}
