package dev.bulwark.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that reports every byte read through it to {@link #counted}, where a subclass enforces a
 * limit or reports progress. Skipping reads the skipped bytes, so they are counted too (a limit on
 * inflated bytes cannot be passed by skipping over them). Not thread-safe, as streams are not.
 */
public abstract class CountingInputStream extends FilterInputStream {
  private static final int SKIP_BUFFER = 8192;

  protected CountingInputStream(InputStream in) {
    super(in);
  }

  /**
   * Hears each read's byte count (1 or more), after the bytes were read.
   *
   * @throws IOException to fail the read, such as when a limit was passed
   */
  protected abstract void counted(int bytes) throws IOException;

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = super.read(buffer, offset, length);
    if (read > 0) {
      counted(read);
    }
    return read;
  }

  @Override
  public long skip(long count) throws IOException {
    byte[] buffer = new byte[(int) Math.max(1, Math.min(SKIP_BUFFER, count))];
    long skipped = 0;
    while (skipped < count) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, count - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }
}
