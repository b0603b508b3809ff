package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartsInputStreamTest {
  private static final List<byte[]> PARTS =
      List.of(bytes("{\"a\":"), new byte[0], bytes("[1,2]"), bytes(","), bytes("\"xyz\"}"));

  @Test
  void aReadFillsTheBufferAcrossParts() {
    PartsInputStream in = new PartsInputStream(PARTS);
    byte[] buffer = new byte[8];

    assertThat(in.read(buffer, 0, 8)).isEqualTo(8);
    assertThat(new String(buffer, StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,");
    assertThat(in.read(buffer, 2, 6)).isEqualTo(6);
    assertThat(new String(buffer, 2, 6, StandardCharsets.UTF_8)).isEqualTo("2],\"xy");
    assertThat(in.read(buffer, 0, 8)).isEqualTo(3);
    assertThat(new String(buffer, 0, 3, StandardCharsets.UTF_8)).isEqualTo("z\"}");
    assertThat(in.read(buffer, 0, 8)).isEqualTo(-1);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void theWholeStreamIsThePartsInOrder() throws IOException {
    byte[] all = new PartsInputStream(PARTS).readAllBytes();

    assertThat(new String(all, StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,2],\"xyz\"}");
    assertThat(PartsInputStream.length(PARTS)).isEqualTo(all.length);
  }

  @Test
  void singleBytesComeUnsigned() {
    PartsInputStream in = new PartsInputStream(List.of(new byte[] {(byte) 0xC3, (byte) 0xA9}));

    assertThat(in.read()).isEqualTo(0xC3);
    assertThat(in.read()).isEqualTo(0xA9);
    assertThat(in.read()).isEqualTo(-1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
