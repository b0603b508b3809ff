package dev.bulwark.scanner.analyzer.rpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes rpm header blobs as the package database stores them, for tests. */
final class RpmHeaderWriter {
  private final List<int[]> index = new ArrayList<>();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  RpmHeaderWriter string(int tag, String value) {
    index.add(new int[] {tag, 6, data.size(), 1});
    data.writeBytes((value + "\0").getBytes(StandardCharsets.UTF_8));
    return this;
  }

  RpmHeaderWriter integer(int tag, int value) {
    while (data.size() % 4 != 0) {
      data.write(0);
    }
    index.add(new int[] {tag, 4, data.size(), 1});
    data.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    return this;
  }

  byte[] build() {
    ByteBuffer blob = ByteBuffer.allocate(8 + index.size() * 16 + data.size());
    blob.putInt(index.size()).putInt(data.size());
    for (int[] entry : index) {
      for (int field : entry) {
        blob.putInt(field);
      }
    }
    blob.put(data.toByteArray());
    return blob.array();
  }
}
