package dev.bulwark.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.image.Layer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The frames {@link ScanProgressBar} writes, driven by a clock the test moves. */
class ScanProgressBarTest {
  private static final Layer BASE = layer(0, "0123456789abcdef", 2_000_000);
  private static final Layer TOP = layer(1, "fedcba9876543210", 500);

  private final StringWriter written = new StringWriter();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final ScanProgressBar progress = new ScanProgressBar(new PrintWriter(written), () -> now);

  private static Layer layer(int index, String hex, long size) {
    return new Layer(
        index,
        "sha256:" + hex,
        null,
        "application/vnd.oci.image.layer.v1.tar+gzip",
        size,
        InputStream::nullInputStream,
        null);
  }

  private void after(long milliseconds) {
    now = now.plus(Duration.ofMillis(milliseconds));
  }

  private static String spaces(int count) {
    return " ".repeat(count);
  }

  /** What was written, one element per carriage return. */
  private List<String> frames() {
    assertThat(written.toString()).startsWith("\r");
    return List.of(written.toString().substring(1).split("\r", -1));
  }

  @Test
  void drawsAtMostOneFramePerIntervalAndEndsWithASummaryLine() {
    progress.scanStarted(List.of(BASE, TOP));
    progress.bytesRead(BASE, 100_000);
    after(50);
    progress.bytesRead(BASE, 500_000);
    after(50);
    progress.bytesRead(BASE, 1_000_000);
    after(60);
    progress.bytesRead(BASE, 2_000_000);
    progress.layerDone(BASE, 2, false);
    after(40);
    progress.bytesRead(TOP, 500);
    progress.layerDone(TOP, 2, false);
    after(4_000);
    progress.scanFinished(true);

    assertThat(frames())
        .containsExactly(
            "bulwark: layer 1/2 0123456789ab [#...................] 100.0 kB / 2.0 MB",
            // Spaces cover the end of the longer frame before.
            "bulwark: layer 1/2 0123456789ab [##########..........] 1.0 MB / 2.0 MB" + spaces(2),
            "bulwark: layer 2/2 fedcba987654 [####################] 500 B / 500 B" + spaces(2),
            "bulwark: scanned 2 layers, read 2.0 MB in 4.2 s" + spaces(21) + "\n");
  }

  @Test
  void cachedLayersDrawNoBarsAndAreCountedInTheSummary() {
    progress.scanStarted(List.of(BASE, TOP));
    progress.layerDone(BASE, 2, true);
    progress.bytesRead(TOP, 500);
    progress.layerDone(TOP, 2, false);
    after(300);
    progress.scanFinished(true);

    assertThat(frames())
        .containsExactly(
            "bulwark: layer 2/2 fedcba987654 [####################] 500 B / 500 B",
            "bulwark: scanned 2 layers (1 from the cache), read 500 B in 0.3 s" + spaces(3) + "\n");
  }

  @Test
  void aFailedScanWipesTheLineSoThatTheErrorStartsClean() {
    progress.scanStarted(List.of(BASE));
    progress.bytesRead(BASE, 1_000);
    progress.scanFinished(false);

    String frame = "bulwark: layer 1/1 0123456789ab [....................] 1.0 kB / 2.0 MB";
    assertThat(frames()).containsExactly(frame, " ".repeat(frame.length()), "");
  }

  @Test
  void aFailureBeforeAnyFrameWritesNothing() {
    progress.scanStarted(List.of(BASE));
    progress.scanFinished(false);

    assertThat(written.toString()).isEmpty();
  }

  @Test
  void aLayerOfUnknownSizeShowsTheBytesReadWithoutABar() {
    Layer unknown = layer(0, "00ff00ff00ff00ff", -1);
    progress.scanStarted(List.of(unknown));
    progress.bytesRead(unknown, 12_345);
    progress.layerDone(unknown, 1, false);
    progress.scanFinished(true);

    assertThat(frames())
        .containsExactly(
            "bulwark: layer 1/1 00ff00ff00ff 12.3 kB",
            "bulwark: scanned 1 layer, read 12.3 kB in 0.0 s\n");
  }

  @Test
  void eachScanStartsAfresh() {
    progress.scanStarted(List.of(BASE));
    progress.bytesRead(BASE, 2_000_000);
    progress.layerDone(BASE, 1, false);
    progress.scanFinished(true);
    written.getBuffer().setLength(0);

    progress.scanStarted(List.of(TOP));
    progress.layerDone(TOP, 1, true);
    progress.scanFinished(true);

    assertThat(written.toString())
        .isEqualTo("\rbulwark: scanned 1 layer (1 from the cache) in 0.0 s\n");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0 B",
    "999, 999 B",
    "1000, 1.0 kB",
    "95093315, 95.1 MB",
    "1500000000, 1.5 GB",
    "2000000000000000, 2000.0 TB"
  })
  void sizesUseDecimalUnits(long count, String shown) {
    assertThat(ScanProgressBar.bytes(count)).isEqualTo(shown);
  }
}
