package dev.bulwark.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ObservedInputStreamTest {
  /** Keeps what it saw; fails once more than {@code limit} bytes were read. */
  private static final class Recording extends ObservedInputStream {
    final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int ends;
    private final long limit;

    Recording(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    protected void observed(byte[] buffer, int offset, int count) throws IOException {
      seen.write(buffer, offset, count);
      if (seen.size() > limit) {
        throw new IOException("over " + limit);
      }
    }

    @Override
    protected void ended() {
      ends++;
    }
  }

  @Test
  void everyWayOfReadingIsObservedAndTheEndHeard() throws IOException {
    Recording in =
        new Recording(new ByteArrayInputStream(new byte[] {(byte) 0xff, 2, 3, 4, 5}), 99);

    assertThat(in.read()).as("unsigned").isEqualTo(0xff);
    assertThat(in.read(new byte[2], 0, 2)).isEqualTo(2);
    assertThat(in.skip(10)).isEqualTo(2);
    assertThat(in.read()).isEqualTo(-1);

    assertThat(in.seen.toByteArray()).containsExactly((byte) 0xff, 2, 3, 4, 5);
    assertThat(in.ends).isEqualTo(2); // the skip reached the end, then the read
  }

  @Test
  void anObserverThatFailsFailsTheReadOrTheSkip() {
    assertThatThrownBy(() -> new Recording(new ByteArrayInputStream(new byte[64]), 10).skip(64))
        .hasMessage("over 10");
    assertThatThrownBy(
            () -> new Recording(new ByteArrayInputStream(new byte[64]), 10).readAllBytes())
        .hasMessage("over 10");
  }
}
