package dev.bulwark.sensor.central;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * What the sensor still has to deliver to central, in order, on disk: an append-only file of
 * entries (each written and fsynced before {@link #append} returns) and the position up to which
 * central acknowledged them. A restart reads both back, so nothing appended is lost; an entry torn
 * by a crash while it was written is cut off (its append never returned).
 *
 * <p>Bounded by bytes: an append that would not fit, even after the acknowledged head is cut away,
 * is refused (the caller drops what the journal holds and resyncs instead). Thread-safe.
 *
 * <p>Entry layout: length of what follows (int), type (byte), sequence (long), payload, CRC32C of
 * type, sequence and payload (int).
 */
public final class Journal implements AutoCloseable {
  private static final int HEADER = Integer.BYTES + 1 + Long.BYTES;
  private static final int TRAILER = Integer.BYTES;

  /** What an entry holds. */
  public enum Type {
    /** A batch of inventory changes: the body of {@code POST .../inventory/changes}. */
    BATCH,
    /** An enforcement record: the body of {@code POST .../alerts/enforcement}. */
    ENFORCEMENT
  }

  /**
   * One entry.
   *
   * @param end the position after it, to acknowledge up to
   */
  public record Entry(Type type, long sequence, byte[] payload, long end) {}

  private final Path file;
  private final Path acknowledgedFile;
  private final long maxBytes;
  private FileChannel channel;
  private long acknowledged;
  private long size;

  /**
   * Opens (or creates) the journal in {@code directory}.
   *
   * @param maxBytes the most the journal file may hold
   */
  public Journal(Path directory, long maxBytes) throws IOException {
    this.file = directory.resolve("journal");
    this.acknowledgedFile = directory.resolve("journal.acknowledged");
    this.maxBytes = maxBytes;
    this.channel = open(file);
    this.size = validLength(channel);
    channel.truncate(size);
    this.acknowledged = Math.min(readAcknowledged(), size);
  }

  /**
   * Appends an entry durably.
   *
   * @return false when it does not fit in the bound (nothing is written then)
   */
  public synchronized boolean append(Type type, long sequence, byte[] payload) throws IOException {
    int length = HEADER + payload.length + TRAILER;
    if (size + length > maxBytes && acknowledged > 0) {
      compact();
    }
    if (size + length > maxBytes) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    buffer.putInt(length - Integer.BYTES).put((byte) type.ordinal()).putLong(sequence).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(buffer.array(), Integer.BYTES, length - Integer.BYTES - TRAILER);
    buffer.putInt((int) crc.getValue()).flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer, size + buffer.position());
    }
    channel.force(false);
    size += length;
    return true;
  }

  /** The first entry not acknowledged yet. */
  public synchronized Optional<Entry> next() throws IOException {
    return read(acknowledged);
  }

  /** Marks every entry up to {@code entry} as delivered. */
  public synchronized void acknowledge(Entry entry) throws IOException {
    acknowledged = Math.max(acknowledged, entry.end());
    if (acknowledged >= size) {
      channel.truncate(0);
      size = 0;
      acknowledged = 0;
    }
    Path temporary = acknowledgedFile.resolveSibling(acknowledgedFile.getFileName() + ".tmp");
    Files.writeString(temporary, Long.toString(acknowledged));
    Files.move(temporary, acknowledgedFile, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Drops the unacknowledged entries {@code drop} selects, keeping the others in order. */
  public synchronized void remove(Predicate<Entry> drop) throws IOException {
    rewrite(drop);
  }

  /** The highest sequence of an unacknowledged batch; 0 when there is none. */
  public synchronized long highestSequence() throws IOException {
    long highest = 0;
    long position = acknowledged;
    for (Optional<Entry> entry = read(position); entry.isPresent(); entry = read(position)) {
      highest = Math.max(highest, entry.get().sequence());
      position = entry.get().end();
    }
    return highest;
  }

  /** Bytes of unacknowledged entries. */
  public synchronized long pendingBytes() {
    return size - acknowledged;
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  private void compact() throws IOException {
    rewrite(entry -> false);
  }

  /** Copies the unacknowledged entries {@code drop} does not select into a new file. */
  private void rewrite(Predicate<Entry> drop) throws IOException {
    Path temporary = file.resolveSibling("journal.tmp");
    long written = 0;
    try (FileChannel out = open(temporary)) {
      out.truncate(0);
      long position = acknowledged;
      for (Optional<Entry> entry = read(position); entry.isPresent(); entry = read(position)) {
        long start = position;
        position = entry.get().end();
        if (!drop.test(entry.get())) {
          written += channel.transferTo(start, position - start, out.position(written));
        }
      }
      out.force(false);
    }
    channel.close();
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    channel = open(file);
    size = written;
    acknowledged = 0;
    Files.writeString(acknowledgedFile, "0");
  }

  private Optional<Entry> read(long position) throws IOException {
    if (position + HEADER + TRAILER > size) {
      return Optional.empty();
    }
    ByteBuffer lengthBuffer = ByteBuffer.allocate(Integer.BYTES);
    channel.read(lengthBuffer, position);
    int length = lengthBuffer.flip().getInt();
    ByteBuffer body = ByteBuffer.allocate(length);
    while (body.hasRemaining()) {
      if (channel.read(body, position + Integer.BYTES + body.position()) < 0) {
        throw new IOException(file + ": ends inside an entry at " + position);
      }
    }
    body.flip();
    Type type = Type.values()[body.get()];
    long sequence = body.getLong();
    byte[] payload = new byte[length - 1 - Long.BYTES - TRAILER];
    body.get(payload);
    return Optional.of(new Entry(type, sequence, payload, position + Integer.BYTES + length));
  }

  /** The length of the leading entries that are whole and whose checksum matches. */
  private static long validLength(FileChannel channel) throws IOException {
    long size = channel.size();
    long position = 0;
    ByteBuffer lengthBuffer = ByteBuffer.allocate(Integer.BYTES);
    while (position + HEADER + TRAILER <= size) {
      lengthBuffer.clear();
      channel.read(lengthBuffer, position);
      int length = lengthBuffer.flip().getInt();
      if (length < HEADER - Integer.BYTES + TRAILER || position + Integer.BYTES + length > size) {
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      int read = 0;
      while (body.hasRemaining() && read >= 0) {
        read = channel.read(body, position + Integer.BYTES + body.position());
      }
      CRC32C crc = new CRC32C();
      crc.update(body.array(), 0, length - TRAILER);
      int stored = ByteBuffer.wrap(body.array(), length - TRAILER, TRAILER).getInt();
      int type = body.array()[0];
      if (stored != (int) crc.getValue() || type < 0 || type >= Type.values().length) {
        break;
      }
      position += Integer.BYTES + length;
    }
    return position;
  }

  private long readAcknowledged() throws IOException {
    if (!Files.exists(acknowledgedFile)) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(Files.readString(acknowledgedFile).strip()));
    } catch (NumberFormatException e) {
      // A damaged position sends everything again: central ignores what it acknowledged before.
      return 0;
    }
  }

  private static FileChannel open(Path path) throws IOException {
    return FileChannel.open(
        path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }
}
