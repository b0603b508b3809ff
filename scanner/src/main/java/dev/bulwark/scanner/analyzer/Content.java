package dev.bulwark.scanner.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Bounded reads of file content, so that no file can make an analyzer use unbounded memory. */
public final class Content {
  private Content() {}

  /**
   * All bytes of the stream, which is not closed.
   *
   * @throws MalformedContentException when there are more than {@code maximum} bytes
   */
  public static byte[] readAtMost(InputStream in, int maximum) throws IOException {
    byte[] bytes = in.readNBytes(maximum);
    if (bytes.length == maximum && in.read() >= 0) {
      throw new MalformedContentException(
          "larger than the " + maximum + " bytes this analyzer reads; skipped");
    }
    return bytes;
  }

  /**
   * The file's content as UTF-8 text (malformed sequences replaced).
   *
   * @throws MalformedContentException when the file has more than {@code maximum} bytes
   */
  public static String text(AnalyzedFile file, int maximum) throws IOException {
    if (file.size() > maximum) {
      throw new MalformedContentException(
          "larger than the " + maximum + " bytes this analyzer reads; skipped");
    }
    try (InputStream in = file.open()) {
      return new String(readAtMost(in, maximum), StandardCharsets.UTF_8);
    }
  }

  /** The path's last segment. */
  public static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
