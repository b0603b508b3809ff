package dev.bulwark.scanner.image.layer;

import static dev.bulwark.scanner.image.TestLayers.Entry.directory;
import static dev.bulwark.scanner.image.TestLayers.Entry.file;
import static dev.bulwark.scanner.image.TestLayers.Entry.hardlink;
import static dev.bulwark.scanner.image.TestLayers.Entry.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.TestLayers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlattenedFilesystemTest {
  private static FlattenedFilesystem flatten(List<List<TestLayers.Entry>> layers) {
    return new FlattenedFilesystem(
        TestLayers.image(layers.stream().map(TestLayers::tar).map(TestLayers::gzip).toList()),
        new LayerReader(ReadLimits.DEFAULTS));
  }

  private static List<String> paths(FlattenedFilesystem filesystem) {
    return filesystem.nodes().stream().map(FlattenedFilesystem.Node::path).toList();
  }

  @Test
  void appliesWhiteoutsToLowerLayersOnly() {
    FlattenedFilesystem filesystem =
        flatten(
            List.of(
                List.of(
                    directory("etc/"),
                    file("etc/passwd", "root"),
                    file("etc/group", "g"),
                    directory("etc/ssl/"),
                    file("etc/ssl/key", "k")),
                List.of(
                    file("etc/.wh.passwd", ""), file("etc/.wh.ssl", ""), file("etc/new", "n"))));
    assertThat(paths(filesystem)).containsExactly("etc", "etc/group", "etc/new");
  }

  @Test
  void opaqueDirectoriesHideLowerContentButKeepTheirOwnLayers() {
    FlattenedFilesystem filesystem =
        flatten(
            List.of(
                List.of(directory("var/"), file("var/old", "o"), file("var/sub/deep", "d")),
                List.of(file("var/mine", "m"), file("var/.wh..wh..opq", ""))));
    assertThat(paths(filesystem)).containsExactly("var", "var/mine");
  }

  @Test
  void aFileReplacingADirectoryRemovesItsSubtree() {
    FlattenedFilesystem filesystem =
        flatten(
            List.of(
                List.of(directory("opt/"), file("opt/a", "a")),
                List.of(file("opt", "now a file"))));
    assertThat(paths(filesystem)).containsExactly("opt");
    assertThat(new String(filesystem.read("opt"), StandardCharsets.UTF_8)).isEqualTo("now a file");
  }

  @Test
  void readsContentFromTheLayerThatLastWroteIt() {
    FlattenedFilesystem filesystem =
        flatten(
            List.of(
                List.of(file("etc/os-release", "ID=old")),
                List.of(file("etc/os-release", "ID=new"))));
    assertThat(filesystem.read("/etc/os-release"))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("ID=new");
    assertThat(filesystem.lookup("etc/os-release").orElseThrow().layerIndex()).isEqualTo(1);
  }

  @Test
  void resolvesAbsoluteAndEscapingSymlinksInsideTheImageRoot() {
    FlattenedFilesystem filesystem =
        flatten(
            List.of(
                List.of(
                    file("usr/lib/os-release", "ID=debian"),
                    symlink("etc/os-release", "../usr/lib/os-release"),
                    symlink("etc/absolute", "/usr/lib/os-release"),
                    symlink("etc/escape", "../../../../usr/lib/os-release"),
                    symlink("lib", "usr/lib"))));
    assertThat(filesystem.read("etc/os-release"))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("ID=debian");
    assertThat(filesystem.read("etc/absolute"))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("ID=debian");
    // ".." above the root stays at the root, as in a chroot: the host's files are never reached.
    assertThat(filesystem.read("etc/escape"))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("ID=debian");
    assertThat(filesystem.resolve("lib/os-release"))
        .map(FlattenedFilesystem.Node::path)
        .hasValue("usr/lib/os-release");
  }

  @Test
  void givesUpOnSymlinkLoopsWithANote() {
    FlattenedFilesystem filesystem =
        flatten(List.of(List.of(symlink("a", "b"), symlink("b", "a"), symlink("self", "self/x"))));
    assertThat(filesystem.resolve("a")).isEmpty();
    assertThat(filesystem.resolve("self/y")).isEmpty();
    assertThat(filesystem.notes()).hasSize(2).allMatch(note -> note.contains("(a loop?)"));
  }

  @Test
  void hardLinksShareContentAndMissingTargetsAreNoted() {
    FlattenedFilesystem filesystem =
        flatten(
            List.of(
                List.of(
                    file("bin/busybox", "BB"),
                    hardlink("bin/sh", "bin/busybox"),
                    hardlink("bin/ghost", "bin/missing"))));
    assertThat(filesystem.read("bin/sh")).asString(StandardCharsets.UTF_8).isEqualTo("BB");
    assertThat(filesystem.lookup("bin/ghost")).isEmpty();
    assertThat(filesystem.notes())
        .singleElement()
        .asString()
        .contains("bin/ghost")
        .contains("missing");
  }
}
