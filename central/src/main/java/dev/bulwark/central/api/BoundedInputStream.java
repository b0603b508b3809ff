package dev.bulwark.central.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails with {@link TooLarge} as soon as more than {@code limit} bytes have
 * arrived, so that a streaming reader never reads past the server's request size limit. Not
 * thread-safe (a body is read by one thread).
 */
final class BoundedInputStream extends FilterInputStream {
  /** More than the limit arrived. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit) {
      super("the body is larger than " + limit + " bytes");
    }
  }

  private final long limit;
  private long read;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int value = super.read();
    if (value >= 0) {
      counted(1);
    }
    return value;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int count = super.read(buffer, offset, length);
    if (count > 0) {
      counted(count);
    }
    return count;
  }

  @Override
  public long skip(long count) throws IOException {
    long skipped = super.skip(count);
    counted(skipped);
    return skipped;
  }

  private void counted(long count) throws TooLarge {
    read += count;
    if (read > limit) {
      throw new TooLarge(limit);
    }
  }
}
