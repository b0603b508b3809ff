package dev.bulwark.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.bulwark.scanner.analyzer.AnalysisResult;
import dev.bulwark.scanner.analyzer.DebianRootfs;
import dev.bulwark.scanner.analyzer.FileTreeAnalysis;
import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.image.source.ImageSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans the debootstrap root filesystem as {@code dir:} and as a one-layer OCI image built from it
 * by umoci ({@code e2e/images/build}): both must give what the analyzers find in the tree itself.
 */
class ImageScanDebianIT {
  private static Path rootfs = Path.of("");
  private static AnalysisResult tree = new AnalysisResult(List.of(), List.of(), List.of());

  @TempDir Path directory;

  @BeforeAll
  static void analyzeTree() throws IOException, InterruptedException {
    rootfs = DebianRootfs.obtain();
    tree = FileTreeAnalysis.analyze(rootfs, Analyzers.all());
  }

  private ImageScanner scanner() {
    return new ImageScanner(
        Analyzers.all(),
        new LayerReader(ReadLimits.DEFAULTS),
        new LayerCache(directory.resolve("cache")),
        ScanProgress.NONE,
        Clock.systemUTC());
  }

  private static List<String> purls(List<ImagePackage> packages) {
    return packages.stream()
        .map(found -> found.found().purl() + " " + found.found().path())
        .toList();
  }

  private static List<String> treePurls() {
    return tree.attributedPackages().stream()
        .map(found -> found.purl() + " " + found.path())
        .toList();
  }

  @Test
  void directoryScanGivesThePackagesOfTheTree() {
    ImageScan scan = scanner().scan(ImageSource.open("dir:" + rootfs, ImageOptions.defaults()));

    assertThat(scan.os()).isEqualTo(tree.os().orElseThrow());
    assertThat(purls(scan.packages()))
        .hasSizeGreaterThan(50)
        .containsExactlyInAnyOrderElementsOf(treePurls());
    assertThat(scan.layers())
        .singleElement()
        .satisfies(layer -> assertThat(layer.cached()).isFalse());
  }

  @Test
  void umociImageGivesThePackagesOfTheTreeAndIsCachedOnRescan() throws Exception {
    Path layout = directory.resolve("layout");
    Process build =
        new ProcessBuilder("../e2e/images/build", rootfs.toString(), layout.toString(), "debian")
            .redirectErrorStream(true)
            .start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
      fail("e2e/images/build failed: " + output);
    }
    Image image = ImageSource.open("oci:" + layout + ":debian", ImageOptions.defaults());

    ImageScan first = scanner().scan(image);
    ImageScan second = scanner().scan(image);

    assertThat(purls(first.packages())).containsExactlyInAnyOrderElementsOf(treePurls());
    assertThat(first.packages())
        .allSatisfy(
            found -> assertThat(found.layer()).isEqualTo(image.config().diffIds().getLast()));
    assertThat(first.toImageData().os()).isEqualTo("debian:12");
    assertThat(second.layers()).allMatch(ScannedLayer::cached);
    assertThat(second.packages()).isEqualTo(first.packages());
    assertThat(Files.exists(layout.resolve("index.json"))).isTrue();
  }
}
