package dev.bulwark.scanner.scan;

import static dev.bulwark.scanner.scan.TestImages.dpkgStatus;
import static dev.bulwark.scanner.scan.TestImages.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.image.source.ImageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
  @TempDir Path directory;

  private final List<Integer> readLayers = new ArrayList<>();

  private final byte[] base =
      layer()
          .file("etc/os-release", TestImages.OS_RELEASE)
          .file("var/lib/dpkg/status", dpkgStatus("libc6=2.36-9", "bash=5.2.15-2"))
          .gzip();
  private final byte[] middle =
      layer()
          .file(
              "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA",
              "Name: six\nVersion: 1.16.0\n\n")
          .gzip();

  private ImageScan scan(String name, List<byte[]> layers) {
    readLayers.clear();
    ImageScanner scanner =
        new ImageScanner(
            Analyzers.all(),
            new LayerReader(ReadLimits.DEFAULTS),
            new LayerCache(directory.resolve("cache")),
            (layer, count, cached) -> {
              if (!cached) {
                readLayers.add(layer.index());
              }
            },
            Clock.systemUTC());
    return scanner.scan(
        ImageSource.open(
            TestImages.layout(directory.resolve(name), layers), ImageOptions.defaults()));
  }

  private static List<String> names(ImageScan scan) {
    return scan.packages().stream().map(found -> found.found().name()).toList();
  }

  @Test
  void rescanningAnImageWithANewTopLayerReadsOnlyThatLayer() {
    byte[] topOne = layer().file("var/lib/dpkg/status", dpkgStatus("bash=5.2.15-2")).gzip();
    byte[] topTwo =
        layer().file("var/lib/dpkg/status", dpkgStatus("bash=5.2.15-2", "curl=7.88.1")).gzip();

    ImageScan first = scan("one", List.of(base, middle, topOne));
    assertThat(readLayers).containsExactly(0, 1, 2);
    assertThat(first.layers()).noneMatch(ScannedLayer::cached);

    ImageScan second = scan("two", List.of(base, middle, topTwo));
    assertThat(readLayers).containsExactly(2);
    assertThat(second.layers()).extracting(ScannedLayer::cached).containsExactly(true, true, false);
    assertThat(names(second)).containsExactly("six", "bash", "curl");

    ImageScan again = scan("one-again", List.of(base, middle, topOne));
    assertThat(readLayers).isEmpty();
    assertThat(again.packages()).isEqualTo(first.packages());
    assertThat(again.os()).isEqualTo(first.os());
  }

  @Test
  void corruptEntriesAreIgnoredWithANoteAndRecomputed() throws Exception {
    ImageScan first = scan("one", List.of(base));
    List<Path> entries;
    try (Stream<Path> files = Files.walk(directory.resolve("cache"))) {
      entries = files.filter(file -> file.getFileName().toString().startsWith("dpkg-")).toList();
    }
    assertThat(entries).hasSize(1);
    Files.writeString(entries.getFirst(), "{\"format\":1,\"key\":");

    ImageScan second = scan("two", List.of(base));

    assertThat(readLayers).containsExactly(0);
    assertThat(second.packages()).isEqualTo(first.packages());
    assertThat(second.notes())
        .singleElement()
        .satisfies(note -> assertThat(note.reason()).contains("cannot be read", "recomputed"));
    scan("three", List.of(base));
    assertThat(readLayers).isEmpty();
  }

  @Test
  void rootFilesystemDirectoriesAreNotCached() throws Exception {
    Path root = directory.resolve("rootfs");
    Files.createDirectories(root.resolve("var/lib/dpkg"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), dpkgStatus("bash=5.2"));
    ImageScanner scanner =
        new ImageScanner(
            Analyzers.all(),
            new LayerReader(ReadLimits.DEFAULTS),
            new LayerCache(directory.resolve("cache")),
            ScanProgress.NONE,
            Clock.systemUTC());

    ImageScan scan = scanner.scan(ImageSource.open("dir:" + root, ImageOptions.defaults()));

    assertThat(names(scan)).containsExactly("bash");
    assertThat(directory.resolve("cache")).doesNotExist();
  }
}
