package dev.bulwark.scanner.image.layer;

import static dev.bulwark.scanner.image.TestLayers.Entry.directory;
import static dev.bulwark.scanner.image.TestLayers.Entry.file;
import static dev.bulwark.scanner.image.TestLayers.Entry.hardlink;
import static dev.bulwark.scanner.image.TestLayers.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.TestLayers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayerReaderTest {
  private static final ReadLimits SMALL =
      new ReadLimits(1 << 20, 1 << 20, 50, 64 << 10, 1024, 1000, 8);

  private final List<String> notes = new ArrayList<>();
  private final List<String> seen = new ArrayList<>();

  private void read(Layer layer, ReadLimits limits) {
    new LayerReader(limits)
        .read(
            layer,
            new LayerVisitor() {
              @Override
              public void entry(LayerEntry entry, InputStream content) throws IOException {
                String text = new String(content.readAllBytes(), StandardCharsets.UTF_8);
                seen.add(
                    entry.type()
                        + " "
                        + entry.path()
                        + (entry.linkTarget() == null ? "" : " -> " + entry.linkTarget())
                        + (text.isEmpty() ? "" : " = " + text));
              }

              @Override
              public void note(String message) {
                notes.add(message);
              }
            });
  }

  static Stream<Arguments> compressions() {
    return Stream.of(
        Arguments.of("uncompressed", UnaryOperator.<byte[]>identity()),
        Arguments.of("gzip", (UnaryOperator<byte[]>) TestLayers::gzip),
        Arguments.of("zstd", (UnaryOperator<byte[]>) TestLayers::zstd));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compressions")
  void detectsCompressionFromContentNotMediaType(String name, UnaryOperator<byte[]> compress) {
    byte[] blob =
        compress.apply(
            TestLayers.tar(List.of(directory("etc/"), file("./etc/os-release", "ID=test"))));
    // The media type always claims plain tar: the magic bytes decide.
    read(TestLayers.layer(0, blob, "application/vnd.oci.image.layer.v1.tar"), SMALL);
    assertThat(seen).containsExactly("DIRECTORY etc", "FILE etc/os-release = ID=test");
  }

  @Test
  void reportsWhiteoutsAndOpaqueDirectories() {
    byte[] blob =
        TestLayers.tar(List.of(file("etc/.wh.passwd", ""), file("var/cache/.wh..wh..opq", "")));
    read(TestLayers.layer(0, blob, "tar"), SMALL);
    assertThat(seen).containsExactly("WHITEOUT etc/passwd", "OPAQUE_WHITEOUT var/cache");
  }

  @ParameterizedTest
  @MethodSource("traversals")
  void skipsEntriesLeavingTheRootWithANote(String name) {
    byte[] blob = TestLayers.tar(List.of(file(name, "evil"), file("ok", "fine")));
    read(TestLayers.layer(0, blob, "tar"), SMALL);
    assertThat(seen).containsExactly("FILE ok = fine");
    assertThat(notes).singleElement().asString().contains(name).contains("leaves the image root");
  }

  static Stream<String> traversals() {
    return Stream.of("../evil", "a/../../evil", "/etc/evil", "./../evil");
  }

  @Test
  void skipsHardLinksToTargetsOutsideTheRoot() {
    byte[] blob =
        TestLayers.tar(
            List.of(hardlink("escape", "../../etc/shadow"), hardlink("abs", "/etc/shadow")));
    read(TestLayers.layer(0, blob, "tar"), SMALL);
    assertThat(seen).isEmpty();
    assertThat(notes).hasSize(2).allMatch(note -> note.contains("target leaves the image root"));
  }

  @Test
  void keepsSymlinkTargetsAsWrittenForConfinedResolutionLater() {
    byte[] blob = TestLayers.tar(List.of(symlink("etc/localtime", "/usr/share/zoneinfo/UTC")));
    read(TestLayers.layer(0, blob, "tar"), SMALL);
    assertThat(seen).containsExactly("SYMLINK etc/localtime -> /usr/share/zoneinfo/UTC");
  }

  @Test
  void refusesADecompressionBombByRatio() {
    byte[] bomb = TestLayers.zeroFileTar("zeros", 8 << 20);
    Layer layer = TestLayers.layer(3, bomb, "application/vnd.oci.image.layer.v1.tar+gzip");
    ReadLimits limits = new ReadLimits(1 << 20, 1L << 30, 50, 64 << 10, 1L << 30, 1000, 8);
    assertThatThrownBy(() -> read(layer, limits))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("layer 3 (" + layer.digest() + ")")
        .hasMessageContaining("decompression bomb");
  }

  @Test
  void refusesALayerLargerThanTheAbsoluteCap() {
    byte[] large = TestLayers.zeroFileTar("zeros", 4 << 20);
    Layer layer = TestLayers.layer(0, large, "gzip");
    ReadLimits limits = new ReadLimits(1 << 20, 2 << 20, 100_000, 0, 1L << 30, 1000, 8);
    assertThatThrownBy(() -> read(layer, limits))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("maximum layer size");
  }

  @Test
  void capsTheContentOfAHugeFile() {
    byte[] blob = TestLayers.tar(List.of(file("big", "x".repeat(5000))));
    assertThatThrownBy(() -> read(TestLayers.layer(0, blob, "tar"), SMALL))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("file 'big' is larger than 1024 bytes");
  }

  @Test
  void capsTheNumberOfEntries() {
    List<TestLayers.Entry> many = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      many.add(file("f" + i, ""));
    }
    assertThatThrownBy(() -> read(TestLayers.layer(0, TestLayers.tar(many), "tar"), SMALL))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("more than 1000 entries");
  }

  @Test
  void namesTheLayerOfATruncatedGzip() {
    byte[] blob = TestLayers.gzip(TestLayers.tar(List.of(file("a", "x".repeat(900)))));
    byte[] truncated = Arrays.copyOf(blob, blob.length / 2);
    Layer layer = TestLayers.layer(1, truncated, "gzip");
    assertThatThrownBy(() -> read(layer, SMALL))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("layer 1 (" + layer.digest() + ") cannot be read")
        .hasMessageContaining("truncated");
  }

  @Test
  void namesTheLayerOfCorruptTarData() {
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);
    garbage[0] = 'x';
    Layer layer = TestLayers.layer(2, garbage, "tar");
    assertThatThrownBy(() -> read(layer, SMALL))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("layer 2 (" + layer.digest() + ") cannot be read");
  }

  @Test
  void failsWhenTheBlobDoesNotMatchItsDigest() {
    byte[] blob = TestLayers.tar(List.of(file("a", "b")));
    Layer honest = TestLayers.layer(0, blob, "tar");
    byte[] tampered = TestLayers.tar(List.of(file("a", "c")));
    Layer lying =
        new Layer(
            0,
            honest.digest(),
            null,
            "tar",
            blob.length,
            () -> Digests.verifying(new ByteArrayInputStream(tampered), honest.digest(), "blob"),
            null);
    assertThatThrownBy(() -> read(lying, SMALL))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("digest mismatch");
  }

  @Test
  void walksARootFilesystemDirectoryWithoutFollowingLinksOutside(@TempDir Path root)
      throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "ID=dir");
    Files.createSymbolicLink(root.resolve("etc/outside"), Path.of("/etc"));
    Layer layer =
        new Layer(0, "sha256:" + "0".repeat(64), null, Layer.DIRECTORY_MEDIA_TYPE, -1, null, root);
    read(layer, SMALL);
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "DIRECTORY etc", "FILE etc/os-release = ID=dir", "SYMLINK etc/outside -> /etc");
  }
}
