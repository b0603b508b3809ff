package dev.bulwark.scanner.scan;

import static dev.bulwark.scanner.scan.TestImages.dpkgStatus;
import static dev.bulwark.scanner.scan.TestImages.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.image.source.ImageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ImageScanner} tells its {@link ScanProgress}, on real scans of OCI layouts. */
class ScanProgressTest {
  @TempDir Path directory;

  /** Records every call; byte counts per layer index in the order they came. */
  private static final class Recorder implements ScanProgress {
    final List<String> events = new ArrayList<>();
    final Map<Integer, List<Long>> bytes = new HashMap<>();

    @Override
    public void scanStarted(List<Layer> layers) {
      events.add("started " + layers.size());
    }

    @Override
    public void bytesRead(Layer layer, long total) {
      List<Long> totals = bytes.computeIfAbsent(layer.index(), index -> new ArrayList<>());
      if (totals.isEmpty()) {
        events.add("reading " + layer.index());
      }
      totals.add(total);
    }

    @Override
    public void layerDone(Layer layer, int count, boolean cached) {
      events.add("done " + layer.index() + "/" + count + (cached ? " cached" : ""));
    }

    @Override
    public void scanFinished(boolean completed) {
      events.add(completed ? "finished" : "failed");
    }
  }

  private static ImageScanner scanner(ScanProgress progress, @Nullable LayerCache cache) {
    return new ImageScanner(
        Analyzers.all(), new LayerReader(ReadLimits.DEFAULTS), cache, progress, Clock.systemUTC());
  }

  private Image twoLayerImage() {
    byte[] base =
        layer()
            .file("etc/os-release", TestImages.OS_RELEASE)
            .file("var/lib/dpkg/status", dpkgStatus("bash=5.2.15-2"))
            .gzip();
    // Incompressible content, so that the blob spans many reads.
    byte[] noise = new byte[300_000];
    new Random(7).nextBytes(noise);
    byte[] top = layer().file("opt/data.bin", noise).gzip();
    return ImageSource.open(
        TestImages.layout(directory.resolve("layout"), List.of(base, top)),
        ImageOptions.defaults());
  }

  @Test
  void countsTheStoredBytesOfEachLayerUpToItsSize() {
    Image image = twoLayerImage();
    Recorder progress = new Recorder();

    scanner(progress, null).scan(image);

    assertThat(progress.events)
        .containsExactly("started 2", "reading 0", "done 0/2", "reading 1", "done 1/2", "finished");
    for (Layer layer : image.layers()) {
      List<Long> totals = progress.bytes.getOrDefault(layer.index(), List.of());
      assertThat(totals).isSorted().doesNotHaveDuplicates();
      assertThat(totals.getLast()).isEqualTo(layer.size()).isPositive();
    }
    assertThat(progress.bytes.getOrDefault(1, List.of())).hasSizeGreaterThan(1);
  }

  @Test
  void cachedLayersAreNotRead() {
    Image image = twoLayerImage();
    LayerCache cache = new LayerCache(directory.resolve("cache"));
    scanner(ScanProgress.NONE, cache).scan(image);
    Recorder progress = new Recorder();

    scanner(progress, cache).scan(image);

    assertThat(progress.events)
        .containsExactly("started 2", "done 0/2 cached", "done 1/2 cached", "finished");
    assertThat(progress.bytes).isEmpty();
  }

  @Test
  void aRootFilesystemDirectoryHasNoBytesToCount() throws Exception {
    Path root = Files.createDirectories(directory.resolve("rootfs/etc"));
    Files.writeString(root.resolve("os-release"), TestImages.OS_RELEASE);
    Recorder progress = new Recorder();

    scanner(progress, null)
        .scan(ImageSource.open("dir:" + directory.resolve("rootfs"), ImageOptions.defaults()));

    assertThat(progress.events).containsExactly("started 1", "done 0/1", "finished");
  }

  @Test
  void aFailingScanIsReportedFinishedButNotCompleted() throws Exception {
    Image image = twoLayerImage();
    Layer top = image.layers().getLast();
    Path blob = directory.resolve("layout/blobs/sha256/" + top.digest().substring(7));
    byte[] truncated = Arrays.copyOf(Files.readAllBytes(blob), (int) top.size() / 2);
    Files.write(blob, truncated);
    Recorder progress = new Recorder();

    assertThatThrownBy(() -> scanner(progress, null).scan(image))
        .isInstanceOf(ImageException.class);

    assertThat(progress.events)
        .containsExactly("started 2", "reading 0", "done 0/2", "reading 1", "failed");
  }
}
