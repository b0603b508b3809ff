package dev.bulwark.scanner.scan;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.image.HistoryEntry;
import dev.bulwark.scanner.image.ImageConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a scan found in one image. Immutable.
 *
 * @param reference the reference the image was opened from, as given
 * @param digest the manifest digest, else the config digest; null for a root filesystem directory
 * @param os the operating system, null when no file described one
 * @param config the image configuration (user, labels, history)
 * @param packages the packages of the merged filesystem, in layer order, then path order
 * @param notes what was skipped and why: analyzer notes, entries the layer reader skipped, cache
 *     entries that were ignored
 * @param layers the layers, base first
 * @param scanTime when the scan finished
 */
public record ImageScan(
    String reference,
    @Nullable String digest,
    @Nullable OsRelease os,
    ImageConfig config,
    List<ImagePackage> packages,
    List<Note> notes,
    List<ScannedLayer> layers,
    Instant scanTime) {
  public ImageScan {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(scanTime, "scanTime");
    packages = List.copyOf(packages);
    notes = List.copyOf(notes);
    layers = List.copyOf(layers);
  }

  /** Why policies do not know the vulnerabilities of a scan nobody matched against a database. */
  public static final String VULNERABILITIES_NOT_CHECKED = "vulnerabilities were not checked";

  /** Why policies do not know whether an image's signature was verified. */
  public static final String SIGNATURES_NOT_VERIFIED = "image signatures are not verified";

  /**
   * The scan as core's image data for policies: scanned, the operating system as {@code id:version}
   * ({@code debian:12}), user, labels, one component per package, the Dockerfile lines of the
   * history, creation and scan time. Matching is not part of a scan, so every vulnerability field
   * is declared unknown ({@link #VULNERABILITIES_NOT_CHECKED}); signatures are never verified, so
   * Image Signature Verified By is unknown too.
   */
  public ImageData toImageData() {
    return new ImageData(
        true,
        os == null ? null : os.versionId() == null ? os.id() : os.id() + ":" + os.versionId(),
        config.user(),
        config.labels(),
        packages.stream()
            .map(found -> new ImageComponent(found.found().name(), found.found().version()))
            .toList(),
        List.of(),
        config.history().stream()
            .map(HistoryEntry::dockerfileLine)
            .filter(line -> !line.isEmpty())
            .map(ImageScan::dockerfileLine)
            .toList(),
        created(config.created()),
        scanTime,
        List.of(),
        unknownFields());
  }

  private static Map<String, String> unknownFields() {
    Map<String, String> unknown = new HashMap<>();
    for (String field : ImageFields.VULNERABILITY) {
      unknown.put(field, VULNERABILITIES_NOT_CHECKED);
    }
    unknown.put(ImageFields.IMAGE_SIGNATURE_VERIFIED_BY, SIGNATURES_NOT_VERIFIED);
    return unknown;
  }

  private static DockerfileLine dockerfileLine(String line) {
    int space = line.indexOf(' ');
    return space < 0
        ? new DockerfileLine(line, "")
        : new DockerfileLine(line.substring(0, space), line.substring(space + 1).strip());
  }

  private static @Nullable Instant created(@Nullable String created) {
    if (created == null) {
      return null;
    }
    try {
      return Instant.parse(created);
    } catch (DateTimeParseException e) {
      // A malformed creation time is metadata we cannot use, not a reason to fail the scan.
      return null;
    }
  }
}
