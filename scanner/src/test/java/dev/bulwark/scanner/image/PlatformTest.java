package dev.bulwark.scanner.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {
  @ParameterizedTest
  @CsvSource({
    "linux/amd64, linux/amd64, true",
    "linux/amd64, linux/arm64, false",
    "linux/arm64, linux/arm64/v8, true",
    "linux/arm64/v8, linux/arm64, true",
    "linux/arm/v7, linux/arm/v6, false",
    "linux/arm, linux/arm/v7, true",
  })
  void matchesRequestedAgainstOffered(String requested, String offered, boolean expected) {
    assertThat(Platform.parse(requested).matches(Platform.parse(offered))).isEqualTo(expected);
  }

  @Test
  void rejectsMalformedPlatforms() {
    assertThatThrownBy(() -> Platform.parse("amd64"))
        .isInstanceOf(ImageException.class)
        .hasMessageContaining("expected os/architecture[/variant]");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/bin/sh -c #(nop)  ENV PATH=/usr/bin | ENV PATH=/usr/bin",
        "/bin/sh -c apt-get update | RUN apt-get update",
        "RUN /bin/sh -c make # buildkit | RUN /bin/sh -c make",
        "COPY app /app # buildkit | COPY app /app",
      })
  void historyEntriesBecomeDockerfileLines(String createdBy, String line) {
    assertThat(new HistoryEntry(null, createdBy, null, false).dockerfileLine()).isEqualTo(line);
  }
}
