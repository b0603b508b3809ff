package dev.bulwark.scanner.results;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What asking for one reference gave: a result, scanned now or read from the store, or the reason
 * there is none.
 *
 * @param reference the reference as asked for
 * @param source where the result came from, or {@code FAILED}
 * @param result the result; null exactly when failed
 * @param problem why the image could not be scanned (unreachable registry, unknown image, corrupt
 *     layer); null unless failed
 */
public record ImageScanOutcome(
    String reference, Source source, @Nullable ScanResult result, @Nullable String problem) {
  /** Where a result came from. */
  public enum Source {
    SCANNED,
    STORED,
    FAILED
  }

  public ImageScanOutcome {
    if ((source == Source.FAILED) != (result == null) || (result == null) == (problem == null)) {
      throw new IllegalArgumentException("a failed outcome has a problem, any other a result");
    }
  }

  static ImageScanOutcome of(String reference, Source source, ScanResult result) {
    return new ImageScanOutcome(reference, source, result, null);
  }

  static ImageScanOutcome failed(String reference, String problem) {
    return new ImageScanOutcome(reference, Source.FAILED, null, problem);
  }

  /** The result, empty when the image could not be scanned. */
  public Optional<ScanResult> found() {
    return Optional.ofNullable(result);
  }
}
