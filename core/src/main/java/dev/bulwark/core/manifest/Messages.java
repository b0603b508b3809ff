package dev.bulwark.core.manifest;

/** Small text helpers shared by the reader's error messages. */
final class Messages {
  private static final int MAX_QUOTED_LENGTH = 60;

  private Messages() {}

  /** The text in double quotes, shortened when long so a message stays on one line. */
  static String quote(String text) {
    String shown =
        text.length() > MAX_QUOTED_LENGTH ? text.substring(0, MAX_QUOTED_LENGTH) + "..." : text;
    return '"' + shown.replace("\n", "\\n").replace("\r", "\\r") + '"';
  }

  /** A size as people write limits: {@code 64 MiB}, {@code 512 KiB}, or a byte count. */
  static String size(long bytes) {
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
