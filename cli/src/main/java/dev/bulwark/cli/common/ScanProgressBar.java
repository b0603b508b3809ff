package dev.bulwark.cli.common;

import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.scan.ScanProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Draws an image scan's progress on one terminal line, rewritten in place with a carriage return:
 * the layer being pulled and analysed (layers are streamed once, so reading a blob is both), with a
 * bar of its bytes read against its stored size. At most one frame per {@link #INTERVAL}, so that a
 * fast local read does not flood the terminal. When the scan completes the line becomes a summary
 * ending with a new line; when it fails the line is wiped, so the error starts clean.
 *
 * <p>For interactive terminals only: callers choose {@link ScanProgress#NONE} otherwise. Reusable
 * for several scans in a row. Not thread-safe: a scanner calls it from its scanning thread.
 */
public final class ScanProgressBar implements ScanProgress {
  /** Shortest time between two frames. */
  public static final Duration INTERVAL = Duration.ofMillis(100);

  private static final int BAR_WIDTH = 20;
  private static final int DIGEST_CHARACTERS = 12;

  private final PrintWriter out;
  private final InstantSource clock;
  private List<Layer> layers = List.of();
  private Instant started = Instant.EPOCH;
  private @Nullable Instant lastFrame;
  private int frameLength;
  private long bytesOfDoneLayers;
  private long bytesOfCurrentLayer;
  private int cachedLayers;

  /**
   * A progress line.
   *
   * @param out the terminal (standard error), flushed after each frame
   * @param clock tells when to draw the next frame and how long the scan took
   */
  public ScanProgressBar(PrintWriter out, InstantSource clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public void scanStarted(List<Layer> layers) {
    this.layers = List.copyOf(layers);
    started = clock.instant();
    lastFrame = null;
    frameLength = 0;
    bytesOfDoneLayers = 0;
    bytesOfCurrentLayer = 0;
    cachedLayers = 0;
  }

  @Override
  public void bytesRead(Layer layer, long total) {
    bytesOfCurrentLayer = total;
    Instant now = clock.instant();
    if (lastFrame == null || !now.isBefore(lastFrame.plus(INTERVAL))) {
      lastFrame = now;
      draw(frame(layer, total));
    }
  }

  @Override
  public void layerDone(Layer layer, int count, boolean cached) {
    bytesOfDoneLayers += bytesOfCurrentLayer;
    bytesOfCurrentLayer = 0;
    if (cached) {
      cachedLayers++;
    }
  }

  @Override
  public void scanFinished(boolean completed) {
    if (completed) {
      draw(summary());
      out.print('\n');
      frameLength = 0;
    } else if (frameLength > 0) {
      draw("");
      out.print('\r');
      frameLength = 0;
    }
    out.flush();
  }

  /** One frame: {@code bulwark: layer 2/3 23d973a0958d [#####...] 45.2 MB / 95.1 MB}. */
  private String frame(Layer layer, long read) {
    StringBuilder frame =
        new StringBuilder("bulwark: layer ")
            .append(layer.index() + 1)
            .append('/')
            .append(layers.size())
            .append(' ')
            .append(shortDigest(layer.digest()))
            .append(' ');
    long size = layer.size();
    if (size > 0) {
      int filled = (int) Math.min(BAR_WIDTH, read * BAR_WIDTH / size);
      frame
          .append('[')
          .append("#".repeat(filled))
          .append(".".repeat(BAR_WIDTH - filled))
          .append("] ")
          .append(bytes(read))
          .append(" / ")
          .append(bytes(size));
    } else {
      frame.append(bytes(read));
    }
    return frame.toString();
  }

  private String summary() {
    StringBuilder summary =
        new StringBuilder("bulwark: scanned ")
            .append(layers.size())
            .append(layers.size() == 1 ? " layer" : " layers");
    if (cachedLayers > 0) {
      summary.append(" (").append(cachedLayers).append(" from the cache)");
    }
    long read = bytesOfDoneLayers + bytesOfCurrentLayer;
    if (read > 0) {
      summary.append(", read ").append(bytes(read));
    }
    double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
    return summary.append(String.format(Locale.ROOT, " in %.1f s", seconds)).toString();
  }

  /** Replaces the line: spaces cover what is left of a longer previous frame. */
  private void draw(String text) {
    out.print('\r' + text + " ".repeat(Math.max(0, frameLength - text.length())));
    frameLength = text.length();
    out.flush();
  }

  private static String shortDigest(String digest) {
    String hex = digest.substring(digest.indexOf(':') + 1);
    return hex.substring(0, Math.min(DIGEST_CHARACTERS, hex.length()));
  }

  /** Decimal units, as registries and {@code docker pull} show sizes. */
  static String bytes(long count) {
    if (count < 1000) {
      return count + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = count / 1000.0;
    int unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
