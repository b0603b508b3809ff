package dev.bulwark.scanner.analyzer.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes minimal 64-bit little-endian ELF files with the given sections, for analyzer tests. */
public final class ElfBuilder {
  private static final int HEADER = 64;
  private static final int SECTION_HEADER = 64;
  private final Map<String, byte[]> sections = new LinkedHashMap<>();

  public ElfBuilder section(String name, byte[] content) {
    sections.put(name, content);
    return this;
  }

  public byte[] build() {
    ByteArrayOutputStream names = new ByteArrayOutputStream();
    names.write(0);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(new byte[1024]); // padding, so that the file looks like a real executable
    int count = sections.size() + 2;
    ByteBuffer table = ByteBuffer.allocate(count * SECTION_HEADER).order(ByteOrder.LITTLE_ENDIAN);
    table.put(new byte[SECTION_HEADER]);
    for (Map.Entry<String, byte[]> section : sections.entrySet()) {
      int nameOffset = names.size();
      names.writeBytes((section.getKey() + "\0").getBytes(StandardCharsets.US_ASCII));
      header(table, nameOffset, 1, HEADER + data.size(), section.getValue().length);
      data.writeBytes(section.getValue());
    }
    int namesNameOffset = names.size();
    names.writeBytes(".shstrtab\0".getBytes(StandardCharsets.US_ASCII));
    header(table, namesNameOffset, 3, HEADER + data.size(), names.size());
    data.writeBytes(names.toByteArray());
    ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
    header.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    header.putShort(0x10, (short) 2).putShort(0x12, (short) 0x3e).putInt(0x14, 1);
    header.putLong(0x28, HEADER + data.size());
    header.putShort(0x34, (short) HEADER).putShort(0x3a, (short) SECTION_HEADER);
    header.putShort(0x3c, (short) count).putShort(0x3e, (short) (count - 1));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes(header.array());
    file.writeBytes(data.toByteArray());
    file.writeBytes(table.array());
    return file.toByteArray();
  }

  private static void header(ByteBuffer table, int name, int type, long offset, long size) {
    table.putInt(name).putInt(type).putLong(0).putLong(0).putLong(offset).putLong(size);
    table.putInt(0).putInt(0).putLong(1).putLong(0);
  }
}
