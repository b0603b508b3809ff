package dev.bulwark.scanner.analyzer.elf;

import dev.bulwark.scanner.analyzer.AnalyzedFile;
import dev.bulwark.scanner.analyzer.MalformedContentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Section contents of an ELF executable, read at random with every offset and size checked against
 * the file. Only what the binary analyzers need: the section header table and section names. Not
 * thread-safe; use and close per file.
 */
public final class ElfFile implements AutoCloseable {
  private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
  private static final int MAXIMUM_SECTIONS = 65_535;
  private static final int SECTION_NO_BITS = 8;
  private static final long MINIMUM_SIZE = 1 << 10;
  private static final long MAXIMUM_SIZE = 2L << 30;

  private final FileChannel channel;
  private final long size;
  private final boolean is64;
  private final ByteOrder order;

  private ElfFile(FileChannel channel, boolean is64, ByteOrder order) throws IOException {
    this.channel = channel;
    this.size = channel.size();
    this.is64 = is64;
    this.order = order;
  }

  /**
   * Whether an analyzer of executables should look at the file: a plausible size, a name without an
   * extension or in a {@code bin} folder, and outside folders that hold only data.
   */
  public static boolean isCandidate(String path, long size) {
    if (size < MINIMUM_SIZE || size > MAXIMUM_SIZE) {
      return false;
    }
    if (path.startsWith("usr/share/")
        || path.startsWith("usr/include/")
        || path.startsWith("etc/")
        || path.startsWith("var/lib/dpkg/")
        || path.startsWith("proc/")
        || path.startsWith("sys/")) {
      return false;
    }
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.indexOf('.') < 0 || path.contains("bin/");
  }

  /** Whether the file starts with the ELF magic; reads four bytes. */
  public static boolean isElf(AnalyzedFile file) throws IOException {
    try (InputStream in = file.open()) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    }
  }

  /**
   * The content of section {@code name} of {@code file}, or empty when the file is not ELF or has
   * no such section; the shared first step of the analyzers that read build metadata from binaries.
   *
   * @throws MalformedContentException when the ELF structure is broken or the section is larger
   *     than {@code maximum} bytes
   */
  public static Optional<byte[]> readSection(AnalyzedFile file, String name, int maximum)
      throws IOException {
    if (!isElf(file)) {
      return Optional.empty();
    }
    try (ElfFile elf = open(file.materialise())) {
      return elf.section(name, maximum);
    }
  }

  /**
   * Opens the file as ELF.
   *
   * @throws MalformedContentException when its identification is not ELF's
   */
  public static ElfFile open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ByteBuffer identification = ByteBuffer.allocate(16);
      readFully(channel, identification, 0);
      byte[] bytes = identification.array();
      if (!Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)
          || (bytes[4] != 1 && bytes[4] != 2)
          || (bytes[5] != 1 && bytes[5] != 2)) {
        throw new MalformedContentException("not an ELF file with a known class and byte order");
      }
      return new ElfFile(
          channel, bytes[4] == 2, bytes[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * The content of the named section, when the file has it with content.
   *
   * @throws MalformedContentException when the section is larger than {@code maximum} bytes or the
   *     headers point outside the file
   */
  public Optional<byte[]> section(String name, int maximum) throws IOException {
    ByteBuffer header = read(0, is64 ? 64 : 52);
    long tableOffset = is64 ? header.getLong(0x28) : Integer.toUnsignedLong(header.getInt(0x20));
    int entrySize = Short.toUnsignedInt(header.getShort(is64 ? 0x3A : 0x2E));
    int count = Short.toUnsignedInt(header.getShort(is64 ? 0x3C : 0x30));
    int namesIndex = Short.toUnsignedInt(header.getShort(is64 ? 0x3E : 0x32));
    if (tableOffset == 0 || count == 0) {
      return Optional.empty();
    }
    if (count > MAXIMUM_SECTIONS || entrySize < (is64 ? 64 : 40) || namesIndex >= count) {
      throw new MalformedContentException("ELF section header table is malformed");
    }
    ByteBuffer table = read(tableOffset, (long) entrySize * count);
    Section names = section(table, namesIndex * entrySize);
    if (names.size > (16 << 20)) {
      throw new MalformedContentException("ELF section names are larger than 16 MiB");
    }
    ByteBuffer nameTable = read(names.offset, names.size);
    byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
    for (int index = 0; index < count; index++) {
      Section section = section(table, index * entrySize);
      if (section.type != SECTION_NO_BITS && nameIs(nameTable, section.nameOffset, wanted)) {
        if (section.size > maximum) {
          throw new MalformedContentException(
              "section " + name + " is larger than " + maximum + " bytes");
        }
        return Optional.of(read(section.offset, section.size).array());
      }
    }
    return Optional.empty();
  }

  private Section section(ByteBuffer table, int at) {
    long nameOffset = Integer.toUnsignedLong(table.getInt(at));
    int type = table.getInt(at + 4);
    if (is64) {
      return new Section(nameOffset, type, table.getLong(at + 0x18), table.getLong(at + 0x20));
    }
    return new Section(
        nameOffset,
        type,
        Integer.toUnsignedLong(table.getInt(at + 0x10)),
        Integer.toUnsignedLong(table.getInt(at + 0x14)));
  }

  private static boolean nameIs(ByteBuffer names, long offset, byte[] wanted) {
    if (offset < 0 || offset + wanted.length >= names.capacity()) {
      return false;
    }
    for (int i = 0; i < wanted.length; i++) {
      if (names.get((int) offset + i) != wanted[i]) {
        return false;
      }
    }
    return names.get((int) offset + wanted.length) == 0;
  }

  private ByteBuffer read(long offset, long length) throws IOException {
    if (offset < 0 || length < 0 || length > Integer.MAX_VALUE - 8 || offset > size - length) {
      throw new MalformedContentException("ELF headers point outside the file");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) length).order(order);
    readFully(channel, buffer, offset);
    return buffer.clear();
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long offset)
      throws IOException {
    long position = offset;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position);
      if (read < 0) {
        throw new MalformedContentException("ELF file ends early");
      }
      position += read;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private record Section(long nameOffset, int type, long offset, long size) {}
}
