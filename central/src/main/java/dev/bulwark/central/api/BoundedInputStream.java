package dev.bulwark.central.api;

import dev.bulwark.core.io.ObservedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that fails with {@link TooLarge} as soon as more than {@code limit} bytes have
 * arrived, so that a streaming reader never reads past the server's request size limit. Not
 * thread-safe (a body is read by one thread).
 */
final class BoundedInputStream extends ObservedInputStream {
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
  protected void observed(byte[] buffer, int offset, int bytes) throws TooLarge {
    read += bytes;
    if (read > limit) {
      throw new TooLarge(limit);
    }
  }
}
