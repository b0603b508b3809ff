package dev.bulwark.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that shows a subclass every byte read through it ({@link #observed}) and its end ({@link
 * #ended}): to enforce a limit, report progress or digest what was read. Skipping reads the skipped
 * bytes, so they are observed too (a limit on inflated bytes cannot be passed, nor a digest fooled,
 * by skipping); mark and reset are not supported, as they would show bytes twice. Not thread-safe,
 * as streams are not.
 */
public abstract class ObservedInputStream extends FilterInputStream {
  private static final int SKIP_BUFFER = 8192;

  protected ObservedInputStream(InputStream in) {
    super(in);
  }

  /**
   * Sees the bytes of each read (1 or more), after they were read.
   *
   * @throws IOException to fail the read, such as when a limit was passed
   */
  protected abstract void observed(byte[] buffer, int offset, int count) throws IOException;

  /**
   * Hears that the stream ended (each time a read finds the end).
   *
   * @throws IOException to fail the read, such as when what was read does not verify
   */
  protected void ended() throws IOException {}

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int read = super.read(buffer, offset, length);
    if (read > 0) {
      observed(buffer, offset, read);
    } else if (read < 0) {
      ended();
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
