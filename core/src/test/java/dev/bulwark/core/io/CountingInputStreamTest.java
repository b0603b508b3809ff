package dev.bulwark.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountingInputStreamTest {
  /** Records the counts; fails once more than {@code limit} bytes were read. */
  private static final class Recording extends CountingInputStream {
    final List<Integer> counts = new ArrayList<>();
    private final long limit;
    private long total;

    Recording(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    protected void counted(int bytes) throws IOException {
      counts.add(bytes);
      total += bytes;
      if (total > limit) {
        throw new IOException("over " + limit);
      }
    }
  }

  @Test
  void everyWayOfReadingIsCounted() throws IOException {
    Recording in =
        new Recording(new ByteArrayInputStream(new byte[] {(byte) 0xff, 2, 3, 4, 5}), 99);

    assertThat(in.read()).as("unsigned").isEqualTo(0xff);
    assertThat(in.read(new byte[2], 0, 2)).isEqualTo(2);
    assertThat(in.skip(10)).isEqualTo(2);
    assertThat(in.read()).isEqualTo(-1);

    assertThat(in.counts).containsExactly(1, 2, 2);
  }

  @Test
  void aCountThatFailsFailsTheReadOrTheSkip() {
    assertThatThrownBy(() -> new Recording(new ByteArrayInputStream(new byte[64]), 10).skip(64))
        .hasMessage("over 10");
    assertThatThrownBy(
            () -> new Recording(new ByteArrayInputStream(new byte[64]), 10).readAllBytes())
        .hasMessage("over 10");
  }
}
