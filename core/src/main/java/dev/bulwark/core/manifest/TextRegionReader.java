package dev.bulwark.core.manifest;

import java.io.Reader;

/**
 * Reads a range of a string without copying it out first: documents are parsed straight from the
 * text of the whole file. Not thread-safe.
 */
final class TextRegionReader extends Reader {
  private final String text;
  private final int end;
  private int next;

  TextRegionReader(String text, int start, int end) {
    this.text = text;
    this.next = start;
    this.end = end;
  }

  @Override
  public int read(char[] buffer, int offset, int length) {
    if (next >= end) {
      return -1;
    }
    int count = Math.min(length, end - next);
    text.getChars(next, next + count, buffer, offset);
    next += count;
    return count;
  }

  @Override
  public void close() {
    // Nothing to release: the text belongs to the caller.
  }
}
