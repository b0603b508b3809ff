package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencesTest {
  @TempDir Path directory;

  @Test
  void numbersKeepIncreasingAcrossRestarts() throws IOException {
    Sequences first = new Sequences(directory);
    assertThat(first.next()).isEqualTo(1);
    assertThat(first.next()).isEqualTo(2);

    Sequences restarted = new Sequences(directory);

    assertThat(restarted.next()).isEqualTo(3);
  }

  @Test
  void aNumberKnownElsewhereIsNeverHandedOutAgain() throws IOException {
    Sequences sequences = new Sequences(directory);
    sequences.atLeast(41);
    sequences.atLeast(7);

    assertThat(sequences.next()).isEqualTo(42);
  }

  @Test
  void aDamagedFileIsReportedWithWhatToDo() throws IOException {
    Files.writeString(directory.resolve("sequence"), "garbage");

    assertThatThrownBy(() -> new Sequences(directory))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("garbage")
        .hasMessageContaining("delete the file");
  }
}
