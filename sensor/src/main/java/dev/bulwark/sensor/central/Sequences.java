package dev.bulwark.sensor.central;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The sensor's batch sequence numbers: strictly increasing across restarts. The last number handed
 * out is written and fsynced before it is used, so a restart never hands it out again. Thread-safe.
 */
public final class Sequences {
  private final Path file;
  private long last;

  /** Reads the last number used from {@code directory}'s {@code sequence} file (0 without one). */
  public Sequences(Path directory) throws IOException {
    this.file = directory.resolve("sequence");
    this.last = read(file);
  }

  /** Makes sure every later number is above {@code used} (one central or the journal knows). */
  public synchronized void atLeast(long used) throws IOException {
    if (used > last) {
      write(used);
    }
  }

  /** The next number, durably recorded as used. */
  public synchronized long next() throws IOException {
    write(last + 1);
    return last;
  }

  public synchronized long last() {
    return last;
  }

  private void write(long value) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(Long.toString(value).getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
    }
    last = value;
  }

  private static long read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return text.isEmpty() ? 0 : Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(
          file
              + ": holds '"
              + text
              + "', not a sequence number; delete the file to start over"
              + " (central's state then says where to resume)",
          e);
    }
  }
}
