package dev.bulwark.scanner.image.source;

import static dev.bulwark.scanner.image.TestLayers.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.TestArchives;
import dev.bulwark.scanner.image.TestLayers;
import dev.bulwark.scanner.image.layer.FlattenedFilesystem;
import dev.bulwark.scanner.image.layer.LayerReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSourceTest {
  private static final ImageOptions OPTIONS =
      ImageOptions.defaults().withLimits(ReadLimits.DEFAULTS);

  @TempDir Path directory;
  private Path layout;

  @BeforeEach
  void writeLayout() throws Exception {
    layout = Files.createDirectories(directory.resolve("layout"));
    String amd64 =
        TestArchives.image(
            layout,
            "amd64",
            List.of(
                TestLayers.gzip(
                    TestLayers.tar(
                        List.of(file("etc/os-release", "ID=amd"), file("etc/hosts", "h")))),
                TestLayers.gzip(TestLayers.tar(List.of(file("etc/.wh.hosts", ""))))));
    String arm64 =
        TestArchives.image(
            layout,
            "arm64",
            List.of(TestLayers.gzip(TestLayers.tar(List.of(file("etc/os-release", "ID=arm"))))));
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + platformed(amd64, "amd64")
            + ","
            + platformed(arm64, "arm64")
            + "]}";
    String indexDescriptor =
        TestArchives.blob(
            layout,
            "application/vnd.oci.image.index.v1+json",
            index.getBytes(StandardCharsets.UTF_8));
    TestArchives.index(
        layout,
        List.of(
            TestArchives.tagged(amd64, "single"), TestArchives.tagged(indexDescriptor, "multi")));
  }

  private static String platformed(String descriptor, String architecture) {
    return descriptor.substring(0, descriptor.length() - 1)
        + ",\"platform\":{\"os\":\"linux\",\"architecture\":\""
        + architecture
        + "\"}}";
  }

  @Test
  void readsConfigAndLayersFromAnOciLayout() {
    Image image = ImageSource.open("oci:" + layout + ":single", OPTIONS);
    assertThat(image.config().platform()).isEqualTo(Platform.DEFAULT);
    assertThat(image.config().user()).isEqualTo("app");
    assertThat(image.config().labels()).containsEntry("team", "core");
    assertThat(image.config().env()).containsExactly("PATH=/usr/bin");
    assertThat(image.config().created()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(image.config().history())
        .singleElement()
        .extracting(h -> h.dockerfileLine())
        .isEqualTo("ADD file:abc in /");
    assertThat(image.layers()).hasSize(2).allMatch(layer -> layer.diffId() != null);
    FlattenedFilesystem filesystem =
        new FlattenedFilesystem(image, new LayerReader(ReadLimits.DEFAULTS));
    assertThat(filesystem.nodes())
        .extracting(FlattenedFilesystem.Node::path)
        .containsExactly("etc/os-release");
  }

  @Test
  void choosesTheRequestedPlatformFromAnIndex() {
    Image arm =
        ImageSource.open(
            "oci:" + layout + ":multi", OPTIONS.withPlatform(Platform.parse("linux/arm64")));
    assertThat(arm.config().platform().architecture()).isEqualTo("arm64");
    Image amd = ImageSource.open("oci:" + layout + ":multi", OPTIONS);
    assertThat(amd.config().platform().architecture()).isEqualTo("amd64");
  }

  @Test
  void listsAvailablePlatformsWhenNoneMatches() {
    assertThatThrownBy(() ->
            ImageSource.open(
                "oci:" + layout + ":multi", OPTIONS.withPlatform(Platform.parse("linux/s390x"))))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("no image for platform linux/s390x")
        .hasMessageContaining("available: linux/amd64, linux/arm64");
  }

  @Test
  void asksForATagWhenTheLayoutHoldsSeveralImages() {
    assertThatThrownBy(() -> ImageSource.open("oci:" + layout, OPTIONS))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("several images")
        .hasMessageContaining("single, multi");
  }

  @Test
  void readsTheSameImageFromAnOciArchiveAndADockerSaveArchive() throws Exception {
    Image fromLayout = ImageSource.open("oci:" + layout + ":single", OPTIONS);
    Path ociArchive = TestArchives.tar(layout, directory.resolve("image.tar"));
    Image fromArchive = ImageSource.open("oci-archive:" + ociArchive + ":single", OPTIONS);
    byte[] config =
        Files.readAllBytes(
            layout.resolve(
                "blobs/sha256/" + Objects.requireNonNull(fromLayout.configDigest()).substring(7)));
    Path dockerArchive =
        TestArchives.dockerArchive(fromLayout, config, directory.resolve("docker.tar"));
    Image fromDocker = ImageSource.open(dockerArchive.toString(), OPTIONS);

    assertThat(fromArchive.manifestDigest()).isEqualTo(fromLayout.manifestDigest());
    for (Image other : List.of(fromArchive, fromDocker)) {
      assertThat(other.config()).isEqualTo(fromLayout.config());
      assertThat(other.configDigest()).isEqualTo(fromLayout.configDigest());
      assertThat(other.layers())
          .extracting(Layer::digest)
          .isEqualTo(fromLayout.layers().stream().map(Layer::digest).toList());
      assertThat(other.layers())
          .extracting(Layer::diffId)
          .isEqualTo(fromLayout.layers().stream().map(Layer::diffId).toList());
      assertThat(
              new FlattenedFilesystem(other, new LayerReader(ReadLimits.DEFAULTS))
                  .read("etc/os-release"))
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("ID=amd");
    }
  }

  @Test
  void readsARootFilesystemDirectoryAsOneLayer() throws Exception {
    Path root = Files.createDirectories(directory.resolve("rootfs/etc"));
    Files.writeString(root.resolve("os-release"), "ID=dir");
    Image image = ImageSource.open(directory.resolve("rootfs").toString(), OPTIONS);
    assertThat(image.layers())
        .singleElement()
        .extracting(Layer::mediaType)
        .isEqualTo(Layer.DIRECTORY_MEDIA_TYPE);
    assertThat(
            new FlattenedFilesystem(image, new LayerReader(ReadLimits.DEFAULTS))
                .read("etc/os-release"))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("ID=dir");
  }

  @Test
  void refusesATamperedBlob() throws Exception {
    Image image = ImageSource.open("oci:" + layout + ":single", OPTIONS);
    Path blob = layout.resolve("blobs/sha256/" + image.layers().get(0).digest().substring(7));
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length - 1] ^= 1;
    Files.write(blob, bytes);
    assertThatThrownBy(
            () -> new FlattenedFilesystem(image, new LayerReader(ReadLimits.DEFAULTS)).nodes())
        .isInstanceOf(ImageException.class)
        .hasMessageContaining(image.layers().get(0).digest());
  }

  @Test
  void reportsAMissingLocalPathClearly() {
    assertThatThrownBy(() -> ImageSource.open("oci:" + directory.resolve("nope"), OPTIONS))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("no such directory");
  }

  @Test
  void refusesDigestsAndFileNamesThatCouldLeaveTheLayout() throws Exception {
    Files.writeString(
        layout.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:../../../etc/passwd\"}]}");
    assertThatThrownBy(() -> ImageSource.open("oci:" + layout, OPTIONS))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("malformed digest");

    Path archive = Files.createDirectories(directory.resolve("docker"));
    Files.writeString(
        archive.resolve("manifest.json"), "[{\"Config\":\"../../etc/passwd\",\"Layers\":[]}]");
    assertThatThrownBy(() -> ImageSource.open("oci:" + archive, OPTIONS))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("outside the archive");
  }
}
