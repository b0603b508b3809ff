package dev.bulwark.core.manifest;

import dev.bulwark.core.manifest.ManifestSource.FileSource;
import dev.bulwark.core.manifest.ManifestSource.TextSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Gets the text of a source within the size limit: files are checked before they are read, pipes
 * and devices are read only up to the limit. Files are UTF-8 (a byte order mark is dropped; UTF-16
 * with a byte order mark is accepted too). Stateless and thread-safe.
 */
final class SourceText {
  /** Java arrays cannot be larger; a limit above this still cannot be read in one piece. */
  private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private SourceText() {}

  /**
   * The text, without a leading byte order mark.
   *
   * @throws InputException at {@link Position#UNKNOWN} when the source is missing, unreadable, too
   *     large or not text
   */
  static String load(ManifestSource source, ReadLimits limits) throws InputException {
    String text =
        switch (source) {
          case FileSource file -> decode(readBytes(file.path(), limits.maxFileBytes()));
          case TextSource memory -> checkLength(memory.text(), limits.maxFileBytes());
        };
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  private static String checkLength(String text, long maxFileBytes) throws InputException {
    if (text.length() > maxFileBytes) {
      throw new InputException(
          Position.UNKNOWN,
          "input is "
              + text.length()
              + " characters, over the "
              + Messages.size(maxFileBytes)
              + " limit; split it into smaller files");
    }
    return text;
  }

  private static byte[] readBytes(Path path, long maxFileBytes) throws InputException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        throw new InputException(
            Position.UNKNOWN, "is a directory, not a file; pass the manifest files in it");
      }
      if (attributes.isRegularFile()) {
        if (attributes.size() > maxFileBytes) {
          throw tooLarge(attributes.size() + " bytes", maxFileBytes);
        }
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length > maxFileBytes) {
          throw tooLarge(bytes.length + " bytes", maxFileBytes); // it grew after the check
        }
        return bytes;
      }
      // A pipe or device (such as /dev/fd/63 from process substitution) has no size to check:
      // read one byte past the limit to tell whether it is over.
      int readLimit = (int) Math.min(maxFileBytes + 1, MAX_ARRAY_LENGTH);
      try (InputStream in = Files.newInputStream(path)) {
        byte[] bytes = in.readNBytes(readLimit);
        if (bytes.length > maxFileBytes) {
          throw tooLarge("more than " + maxFileBytes + " bytes", maxFileBytes);
        }
        return bytes;
      }
    } catch (NoSuchFileException e) {
      throw new InputException(Position.UNKNOWN, "file not found; check the path");
    } catch (AccessDeniedException e) {
      throw new InputException(
          Position.UNKNOWN, "permission denied; make the file readable or run as a user who can");
    } catch (IOException e) {
      throw new InputException(Position.UNKNOWN, "cannot read the file: " + e.getMessage());
    }
  }

  private static InputException tooLarge(String size, long maxFileBytes) {
    return new InputException(
        Position.UNKNOWN,
        "file is "
            + size
            + ", over the "
            + Messages.size(maxFileBytes)
            + " limit; split it into smaller files");
  }

  private static String decode(byte[] bytes) throws InputException {
    if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
      return decodeUtf8(bytes, 3);
    }
    if (startsWith(bytes, 0xFE, 0xFF)) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    if (startsWith(bytes, 0xFF, 0xFE)) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    return decodeUtf8(bytes, 0);
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int index = 0; index < prefix.length; index++) {
      if ((bytes[index] & 0xFF) != prefix[index]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes leniently (the fast path), and only when that produced a replacement character checks
   * strictly whether the bytes were really invalid.
   */
  private static String decodeUtf8(byte[] bytes, int offset) throws InputException {
    String text = new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0) {
      int invalid = firstInvalidUtf8(bytes, offset);
      if (invalid >= 0) {
        throw new InputException(
            positionOfByte(bytes, offset, invalid),
            "not UTF-8 text (invalid byte 0x%02X); save the file as UTF-8"
                .formatted(bytes[invalid] & 0xFF));
      }
    }
    return text;
  }

  private static int firstInvalidUtf8(byte[] bytes, int offset) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate(bytes.length - offset);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    return result.isError() ? in.position() : -1;
  }

  private static Position positionOfByte(byte[] bytes, int offset, int target) {
    int line = 1;
    int lineStart = offset;
    for (int index = offset; index < target; index++) {
      if (bytes[index] == '\n') {
        line++;
        lineStart = index + 1;
      }
    }
    return new Position(line, target - lineStart + 1);
  }
}
