package dev.bulwark.scanner.analyzer.rpm;

import dev.bulwark.scanner.analyzer.MalformedContentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of a Berkeley DB hash database, as rpm before 4.16 kept its {@code Packages} file
 * (key: the package number; value: its header). Read page by page from the on-disk format: a
 * metadata page (magic {@code 0x061561}, page size, last page number), hash pages whose item index
 * lists key/value pairs, and overflow pages chaining values too large for a hash page. Every page
 * number, offset and length is checked; the result is bounded in count and size.
 */
final class BerkeleyHashFile {
  private static final int HASH_MAGIC = 0x061561;
  private static final int PAGE_HEADER = 26;
  private static final int TYPE_HASH_UNSORTED = 2;
  private static final int TYPE_OVERFLOW = 7;
  private static final int TYPE_HASH = 13;
  private static final int ITEM_KEY_DATA = 1;
  private static final int ITEM_OFF_PAGE = 3;
  private static final int MAXIMUM_VALUES = 100_000;
  private static final int MAXIMUM_VALUE_BYTES = 32 << 20;

  private final FileChannel channel;
  private final ByteOrder order;
  private final int pageSize;
  private final long pages;

  private BerkeleyHashFile(FileChannel channel, ByteOrder order, int pageSize, long pages) {
    this.channel = channel;
    this.order = order;
    this.pageSize = pageSize;
    this.pages = pages;
  }

  /** Every value stored in the database file, in page order. */
  static List<byte[]> values(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer meta = ByteBuffer.allocate(64);
      read(channel, meta, 0);
      ByteOrder order = ByteOrder.LITTLE_ENDIAN;
      if (meta.order(order).getInt(12) != HASH_MAGIC) {
        order = ByteOrder.BIG_ENDIAN;
        if (meta.order(order).getInt(12) != HASH_MAGIC) {
          throw new MalformedContentException("not a Berkeley DB hash database");
        }
      }
      int pageSize = meta.getInt(20);
      if (pageSize < 512 || pageSize > 65_536 || Integer.bitCount(pageSize) != 1) {
        throw new MalformedContentException("Berkeley DB page size " + pageSize + " is invalid");
      }
      long lastPage = Integer.toUnsignedLong(meta.getInt(32));
      long pages = Math.min(lastPage + 1, channel.size() / pageSize);
      return new BerkeleyHashFile(channel, order, pageSize, pages).values();
    }
  }

  private List<byte[]> values() throws IOException {
    List<byte[]> values = new ArrayList<>();
    for (long number = 1; number < pages; number++) {
      ByteBuffer page = page(number);
      int type = page.get(25) & 0xff;
      if (type != TYPE_HASH && type != TYPE_HASH_UNSORTED) {
        continue;
      }
      int entries = Short.toUnsignedInt(page.getShort(20));
      if (PAGE_HEADER + entries * 2 > pageSize) {
        throw new MalformedContentException("Berkeley DB page " + number + " has too many items");
      }
      // Items come in key/value pairs; the keys (package numbers) are not needed.
      for (int item = 1; item < entries; item += 2) {
        if (values.size() >= MAXIMUM_VALUES) {
          throw new MalformedContentException("more than " + MAXIMUM_VALUES + " packages");
        }
        values.add(value(page, number, item));
      }
    }
    return values;
  }

  private byte[] value(ByteBuffer page, long number, int item) throws IOException {
    int offset = Short.toUnsignedInt(page.getShort(PAGE_HEADER + item * 2));
    int end = Short.toUnsignedInt(page.getShort(PAGE_HEADER + (item - 1) * 2));
    if (offset < PAGE_HEADER || end > pageSize || offset >= end) {
      throw new MalformedContentException("Berkeley DB page " + number + " has a bad item offset");
    }
    int type = page.get(offset) & 0xff;
    if (type == ITEM_KEY_DATA) {
      byte[] value = new byte[end - offset - 1];
      page.get(offset + 1, value);
      return value;
    }
    if (type != ITEM_OFF_PAGE || end - offset < 12) {
      throw new MalformedContentException(
          "Berkeley DB page " + number + " has an item of unsupported type " + type);
    }
    return overflow(Integer.toUnsignedLong(page.getInt(offset + 4)), page.getInt(offset + 8));
  }

  /** A value stored across a chain of overflow pages. */
  private byte[] overflow(long first, int length) throws IOException {
    if (length < 0 || length > MAXIMUM_VALUE_BYTES) {
      throw new MalformedContentException("Berkeley DB value of " + length + " bytes");
    }
    ByteArrayOutputStream value = new ByteArrayOutputStream(length);
    long number = first;
    for (long visited = 0; value.size() < length; visited++) {
      if (number == 0 || number >= pages || visited >= pages) {
        throw new MalformedContentException("Berkeley DB overflow chain is broken");
      }
      ByteBuffer page = page(number);
      int used = Short.toUnsignedInt(page.getShort(22));
      if ((page.get(25) & 0xff) != TYPE_OVERFLOW || used > pageSize - PAGE_HEADER) {
        throw new MalformedContentException("Berkeley DB page " + number + " is not overflow");
      }
      value.write(page.array(), PAGE_HEADER, Math.min(used, length - value.size()));
      number = Integer.toUnsignedLong(page.getInt(16));
    }
    return value.toByteArray();
  }

  private ByteBuffer page(long number) throws IOException {
    ByteBuffer page = ByteBuffer.allocate(pageSize);
    read(channel, page, number * pageSize);
    return page.order(order).clear();
  }

  private static void read(FileChannel channel, ByteBuffer buffer, long offset) throws IOException {
    long position = offset;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position);
      if (read < 0) {
        throw new MalformedContentException("Berkeley DB file ends early");
      }
      position += read;
    }
  }
}
