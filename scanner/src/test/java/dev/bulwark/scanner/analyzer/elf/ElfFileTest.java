package dev.bulwark.scanner.analyzer.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.scanner.analyzer.InMemoryFile;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElfFileTest {
  private final byte[] elf =
      new ElfBuilder()
          .section(".text", new byte[] {1, 2, 3})
          .section(".note.x", "hello".getBytes(StandardCharsets.US_ASCII))
          .build();

  @Test
  void readsASectionByName() throws IOException {
    try (ElfFile file = ElfFile.open(new InMemoryFile("bin/x", elf).materialise())) {
      assertThat(file.section(".note.x", 100))
          .hasValueSatisfying(content ->
              assertThat(new String(content, StandardCharsets.US_ASCII)).isEqualTo("hello"));
      assertThat(file.section(".note", 100)).isEmpty();
    }
  }

  @Test
  void sectionOverTheLimitIsMalformed() throws IOException {
    try (ElfFile file = ElfFile.open(new InMemoryFile("bin/x", elf).materialise())) {
      assertThatThrownBy(() -> file.section(".note.x", 4))
          .isInstanceOf(MalformedContentException.class)
          .hasMessageContaining("larger than 4 bytes");
    }
  }

  @Test
  void sectionTableOutsideTheFileIsMalformed() throws IOException {
    byte[] broken = elf.clone();
    ByteBuffer.wrap(broken).order(ByteOrder.LITTLE_ENDIAN).putLong(0x28, 1L << 40);

    try (ElfFile file = ElfFile.open(new InMemoryFile("bin/x", broken).materialise())) {
      assertThatThrownBy(() -> file.section(".text", 100))
          .isInstanceOf(MalformedContentException.class)
          .hasMessageContaining("outside the file");
    }
  }

  @Test
  void recognisesTheMagic() throws IOException {
    assertThat(ElfFile.isElf(new InMemoryFile("bin/x", elf))).isTrue();
    assertThat(ElfFile.isElf(InMemoryFile.text("bin/y", "#!/bin/sh\n"))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "usr/local/bin/app, 50000, true",
    "usr/bin/python3.11, 50000, true",
    "app/server, 50000, true",
    "usr/share/doc/bash/copyright, 50000, false",
    "usr/lib/libz.so.1, 50000, false",
    "app/server, 100, false"
  })
  void candidatesAreExecutableLookingFiles(String path, long size, boolean candidate) {
    assertThat(ElfFile.isCandidate(path, size)).isEqualTo(candidate);
  }
}
