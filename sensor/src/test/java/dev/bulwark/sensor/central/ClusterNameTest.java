package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterNameTest {
  @TempDir Path state;

  @Test
  void aLearnedNameIsKeptForTheNextStart() {
    ClusterName name = ClusterName.load(state);
    assertThat(name.get()).isEmpty();

    assertThat(name.update("prod")).isTrue();
    assertThat(name.update("prod")).isFalse();

    assertThat(ClusterName.load(state).get()).isEqualTo("prod");
  }
}
