package dev.bulwark.sensor.central;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Byte arrays read one after the other as one stream, each read filling as much of the caller's
 * buffer as the parts hold: the HTTP client then sends a resync in buffers of its own size, where
 * publishing the tens of thousands of small parts one by one cost it a hand-over per part. The
 * parts are not copied. Not thread-safe.
 */
final class PartsInputStream extends InputStream {
  private final List<byte[]> parts;
  private int part;
  private int offset;

  PartsInputStream(List<byte[]> parts) {
    this.parts = parts;
  }

  /** The length of the stream. */
  static long length(List<byte[]> parts) {
    long length = 0;
    for (byte[] bytes : parts) {
      length += bytes.length;
    }
    return length;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int from, int length) {
    Objects.checkFromIndexSize(from, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    int copied = 0;
    while (copied < length && part < parts.size()) {
      byte[] current = parts.get(part);
      int count = Math.min(length - copied, current.length - offset);
      System.arraycopy(current, offset, buffer, from + copied, count);
      copied += count;
      offset += count;
      if (offset == current.length) {
        part++;
        offset = 0;
      }
    }
    return copied == 0 ? -1 : copied;
  }
}
