package dev.bulwark.scanner.analyzer.rpm;

import dev.bulwark.scanner.analyzer.MalformedContentException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * An rpm header as the package database stores it (the header structure of the rpm file format
 * without its 8-byte magic): the index entry count and data length as big-endian 32-bit integers,
 * then 16 bytes per index entry (tag, type, offset into the data, count), then the data. Only the
 * tags the analyzer reads are kept; every offset is checked against the data. Immutable.
 */
final class RpmHeader {
  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int ARCH = 1022;
  static final int SOURCE_RPM = 1044;

  private static final int TYPE_INT32 = 4;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_I18N_STRING = 9;
  private static final int MAXIMUM_ENTRIES = 1 << 16;
  private static final int MAXIMUM_DATA = 256 << 20;

  private final Map<Integer, String> strings;
  private final Map<Integer, Integer> integers;

  private RpmHeader(Map<Integer, String> strings, Map<Integer, Integer> integers) {
    this.strings = Map.copyOf(strings);
    this.integers = Map.copyOf(integers);
  }

  /** Parses a header blob. */
  static RpmHeader parse(byte[] blob) throws MalformedContentException {
    ByteBuffer buffer = ByteBuffer.wrap(blob).order(ByteOrder.BIG_ENDIAN);
    if (blob.length < 8) {
      throw new MalformedContentException("rpm header shorter than 8 bytes");
    }
    int entries = buffer.getInt(0);
    int dataLength = buffer.getInt(4);
    if (entries < 1 || entries > MAXIMUM_ENTRIES || dataLength < 0 || dataLength > MAXIMUM_DATA) {
      throw new MalformedContentException(
          "rpm header declares " + entries + " entries and " + dataLength + " data bytes");
    }
    int dataStart = 8 + entries * 16;
    if ((long) dataStart + dataLength > blob.length) {
      throw new MalformedContentException("rpm header is shorter than its index declares");
    }
    Map<Integer, String> strings = new HashMap<>();
    Map<Integer, Integer> integers = new HashMap<>();
    for (int index = 0; index < entries; index++) {
      int at = 8 + index * 16;
      int tag = buffer.getInt(at);
      int type = buffer.getInt(at + 4);
      int offset = buffer.getInt(at + 8);
      int count = buffer.getInt(at + 12);
      if (!wanted(tag)) {
        continue;
      }
      if (offset < 0 || offset >= dataLength || count < 1) {
        throw new MalformedContentException("rpm header tag " + tag + " points outside its data");
      }
      if (type == TYPE_INT32) {
        if (offset + 4 > dataLength) {
          throw new MalformedContentException("rpm header tag " + tag + " points outside its data");
        }
        integers.put(tag, buffer.getInt(dataStart + offset));
      } else if (type == TYPE_STRING || type == TYPE_I18N_STRING) {
        strings.put(tag, string(blob, dataStart + offset, dataStart + dataLength, tag));
      }
    }
    return new RpmHeader(strings, integers);
  }

  private static boolean wanted(int tag) {
    return tag == NAME
        || tag == VERSION
        || tag == RELEASE
        || tag == EPOCH
        || tag == ARCH
        || tag == SOURCE_RPM;
  }

  private static String string(byte[] blob, int start, int end, int tag)
      throws MalformedContentException {
    for (int at = start; at < end; at++) {
      if (blob[at] == 0) {
        return new String(blob, start, at - start, StandardCharsets.UTF_8);
      }
    }
    throw new MalformedContentException("rpm header tag " + tag + " has an unterminated string");
  }

  @Nullable String string(int tag) {
    return strings.get(tag);
  }

  OptionalInt integer(int tag) {
    Integer value = integers.get(tag);
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
