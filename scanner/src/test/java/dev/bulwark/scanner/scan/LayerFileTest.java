package dev.bulwark.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerFileTest {
  @TempDir Path temporary;

  @Test
  void smallFilesStayInMemoryUntilMaterialisedAndAreDeletedOnClose() throws Exception {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    Path materialised;
    try (LayerFile file =
        LayerFile.read(
            "etc/hello", content.length, new ByteArrayInputStream(content), () -> temporary)) {
      try (var empty = Files.list(temporary)) {
        assertThat(empty).isEmpty();
      }
      try (InputStream first = file.open();
          InputStream second = file.open()) {
        assertThat(first.readAllBytes()).isEqualTo(content);
        assertThat(second.readAllBytes()).isEqualTo(content);
      }
      materialised = file.materialise();
      assertThat(materialised).startsWith(temporary).hasBinaryContent(content);
      assertThat(file.materialise()).isEqualTo(materialised);
    }
    assertThat(materialised).doesNotExist();
  }

  @Test
  void contentLargerThanDeclaredGoesToDisk() throws Exception {
    byte[] content = new byte[LayerFile.IN_MEMORY_BYTES + 10];
    content[content.length - 1] = 7;
    try (LayerFile file =
        LayerFile.read("big", 1, new ByteArrayInputStream(content), () -> temporary)) {
      try (var written = Files.list(temporary)) {
        assertThat(written).hasSize(1);
      }
      try (InputStream in = file.open()) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
    try (var left = Files.list(temporary)) {
      assertThat(left).isEmpty();
    }
  }
}
