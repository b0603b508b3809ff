package dev.bulwark.scanner.scan;

import static dev.bulwark.scanner.scan.TestImages.dpkgStatus;
import static dev.bulwark.scanner.scan.TestImages.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.image.DockerfileLine;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.scanner.analyzer.Ecosystem;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.registry.Analyzers;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.layer.LayerReader;
import dev.bulwark.scanner.image.source.ImageOptions;
import dev.bulwark.scanner.image.source.ImageSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageScannerTest {
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

  @TempDir Path directory;

  private ImageScan scan(List<byte[]> layers) {
    Image image =
        ImageSource.open(
            TestImages.layout(directory.resolve("layout"), layers), ImageOptions.defaults());
    return scanner().scan(image);
  }

  private static ImageScanner scanner() {
    return new ImageScanner(
        Analyzers.all(),
        new LayerReader(ReadLimits.DEFAULTS),
        null,
        ScanProgress.NONE,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void mergesLayersWithWhiteoutsAndRewrittenDatabases() {
    byte[] base =
        layer()
            .file("etc/os-release", TestImages.OS_RELEASE)
            .file("var/lib/dpkg/status", dpkgStatus("libc6=2.36-9", "bash=5.2.15-2"))
            .file("app/lib/old.jar", TestImages.jar("org.example", "old", "1.0"))
            .file("app/lib/kept.jar", TestImages.jar("org.example", "kept", "2.0"))
            .gzip();
    byte[] middle =
        layer()
            .file("app/lib/.wh.old.jar", "")
            .file(
                "usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n\n")
            .gzip();
    byte[] top =
        layer()
            .file(
                "var/lib/dpkg/status",
                dpkgStatus("libc6=2.36-9+deb12u4", "bash=5.2.15-2", "curl=7.88.1-10"))
            .gzip();

    ImageScan scan = scan(List.of(base, middle, top));

    String baseLayer = scan.layers().get(0).digest();
    String middleLayer = scan.layers().get(1).digest();
    String topLayer = scan.layers().get(2).digest();
    assertThat(scan.os())
        .isEqualTo(new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)", "bookworm"));
    assertThat(scan.packages())
        .extracting(
            found -> found.found().name(),
            found -> found.found().version(),
            found -> found.found().ecosystem(),
            found -> found.found().path(),
            ImagePackage::layer)
        .containsExactly(
            tuple("org.example:kept", "2.0", Ecosystem.MAVEN, "app/lib/kept.jar", baseLayer),
            tuple(
                "requests",
                "2.31.0",
                Ecosystem.PYPI,
                "usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
                middleLayer),
            tuple("libc6", "2.36-9+deb12u4", Ecosystem.DEBIAN, "var/lib/dpkg/status", topLayer),
            tuple("bash", "5.2.15-2", Ecosystem.DEBIAN, "var/lib/dpkg/status", topLayer),
            tuple("curl", "7.88.1-10", Ecosystem.DEBIAN, "var/lib/dpkg/status", topLayer));
    assertThat(scan.packages().get(2).found().purl().toString())
        .isEqualTo("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12");
    assertThat(scan.layers())
        .extracting(ScannedLayer::index, ScannedLayer::cached, ScannedLayer::packages)
        .containsExactly(tuple(0, false, 1), tuple(1, false, 1), tuple(2, false, 3));
    assertThat(baseLayer).startsWith("sha256:").isNotEqualTo(topLayer);
    assertThat(scan.notes()).isEmpty();
  }

  @Test
  void layersAreIdentifiedByDiffId() {
    byte[] only = layer().file("var/lib/dpkg/status", dpkgStatus("bash=5.2")).gzip();

    ImageScan scan = scan(List.of(only));

    assertThat(scan.layers().getFirst().digest())
        .isEqualTo(
            ImageSource.open("oci:" + directory.resolve("layout"), ImageOptions.defaults())
                .config()
                .diffIds()
                .getFirst());
  }

  @Test
  void opaqueDirectoryAndSymlinkReplacementDropLowerResults() {
    byte[] base =
        layer()
            .file("opt/app/lib/a.jar", TestImages.jar("org.example", "a", "1"))
            .file("srv/b.jar", TestImages.jar("org.example", "b", "1"))
            .file("srv/c.jar", TestImages.jar("org.example", "c", "1"))
            .gzip();
    byte[] top = layer().file("opt/app/.wh..wh..opq", "").symlink("srv/b.jar", "c.jar").gzip();

    ImageScan scan = scan(List.of(base, top));

    assertThat(scan.packages())
        .extracting(found -> found.found().name())
        .containsExactly("org.example:c");
    assertThat(scan.os()).isNull();
  }

  @Test
  void withoutOperatingSystemPackagesKeepTheirDefaults() {
    byte[] only = layer().file("var/lib/dpkg/status", dpkgStatus("bash=5.2")).gzip();

    ImageScan scan = scan(List.of(only));

    assertThat(scan.packages().getFirst().found().purl().toString())
        .isEqualTo("pkg:deb/debian/bash@5.2?arch=amd64");
  }

  @Test
  void convertsToImageDataForPolicies() {
    byte[] only =
        layer()
            .file("etc/os-release", TestImages.OS_RELEASE)
            .file("var/lib/dpkg/status", dpkgStatus("bash=5.2"))
            .gzip();

    ImageData data = scan(List.of(only)).toImageData();

    assertThat(data.scanned()).isTrue();
    assertThat(data.os()).isEqualTo("debian:12");
    assertThat(data.user()).isEqualTo("app");
    assertThat(data.labels()).containsEntry("team", "core");
    assertThat(data.components()).containsExactly(new ImageComponent("bash", "5.2"));
    assertThat(data.dockerfile()).containsExactly(new DockerfileLine("ADD", "file:abc in /"));
    assertThat(data.created()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(data.scanTime()).isEqualTo(NOW);
    assertThat(data.vulnerabilities()).isEmpty();
    assertThat(data.vulnerabilitiesKnown()).as("a scan matches nothing").isFalse();
    assertThat(data.unknownFields())
        .containsOnlyKeys(
            Stream.concat(
                    ImageFields.VULNERABILITY.stream(),
                    Stream.of(ImageFields.IMAGE_SIGNATURE_VERIFIED_BY))
                .toList())
        .containsEntry(ImageFields.CVSS, ImageScan.VULNERABILITIES_NOT_CHECKED)
        .containsEntry(ImageFields.IMAGE_SIGNATURE_VERIFIED_BY, ImageScan.SIGNATURES_NOT_VERIFIED);
  }

  @Test
  void unreadableFilesBecomeNotesAndTheScanGoesOn() {
    byte[] only =
        layer()
            .file("app/broken.jar", "not a zip at all")
            .file("var/lib/dpkg/status", dpkgStatus("bash=5.2"))
            .gzip();

    ImageScan scan = scan(List.of(only));

    assertThat(scan.packages()).hasSize(1);
    assertThat(scan.notes()).isNotEmpty().allMatch(note -> note.path().equals("app/broken.jar"));
  }

  private static final String APP_LOCK =
      """
      {"lockfileVersion": 3, "packages": {
        "": {"name": "app", "version": "1.0.0"},
        "node_modules/express": {"version": "4.18.2"},
        "node_modules/debug": {"version": "2.6.9"}}}
      """;

  private static String packageJson(String name, String version) {
    return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\"}";
  }

  @Test
  void lockFilePackagesInstalledNextToItAreCountedOnceFromNodeModules() {
    byte[] lock = layer().file("app/package-lock.json", APP_LOCK).gzip();
    byte[] installed =
        layer()
            .file("app/node_modules/express/package.json", packageJson("express", "4.18.2"))
            .file(
                "app/node_modules/express/node_modules/debug/package.json",
                packageJson("debug", "2.6.9"))
            .gzip();

    ImageScan scan = scan(List.of(lock, installed));

    assertThat(scan.packages())
        .extracting(found -> found.found().name(), found -> found.found().path())
        .containsExactly(
            tuple("debug", "app/node_modules/express/node_modules/debug/package.json"),
            tuple("express", "app/node_modules/express/package.json"));
    assertThat(scan.layers()).extracting(ScannedLayer::packages).containsExactly(0, 2);
  }

  @Test
  void lockFilePackagesAreKeptWhenNothingIsInstalledNextToThem() {
    byte[] only =
        layer()
            .file("app/package-lock.json", APP_LOCK)
            .file("app/node_modules/express/package.json", packageJson("express", "4.19.0"))
            .file("other/node_modules/debug/package.json", packageJson("debug", "2.6.9"))
            .gzip();

    ImageScan scan = scan(List.of(only));

    assertThat(scan.packages())
        .extracting(
            found -> found.found().name(),
            found -> found.found().version(),
            found -> found.found().path())
        .containsExactly(
            tuple("express", "4.19.0", "app/node_modules/express/package.json"),
            tuple("express", "4.18.2", "app/package-lock.json"),
            tuple("debug", "2.6.9", "app/package-lock.json"),
            tuple("debug", "2.6.9", "other/node_modules/debug/package.json"));
    assertThat(scan.packages()).allMatch(found -> found.found().ecosystem() == Ecosystem.NPM);
  }

  @Test
  void hiddenLockFileInNodeModulesIsNotReadTwice() {
    byte[] only =
        layer()
            .file("app/node_modules/.package-lock.json", APP_LOCK)
            .file("app/node_modules/express/package.json", packageJson("express", "4.18.2"))
            .gzip();

    ImageScan scan = scan(List.of(only));

    assertThat(scan.packages())
        .extracting(found -> found.found().path())
        .containsExactly("app/node_modules/express/package.json");
    assertThat(scan.notes()).isEmpty();
  }
}
