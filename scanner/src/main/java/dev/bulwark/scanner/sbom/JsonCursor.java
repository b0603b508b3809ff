package dev.bulwark.scanner.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A streaming walk over a JSON document that reads only what a reader asks for and skips the rest
 * without building it, so that an SBOM's size, not its shape, bounds the memory a read takes.
 * Structural surprises (an object where a string belongs) are errors with file, line and column.
 * Not thread-safe.
 */
final class JsonCursor implements AutoCloseable {
  // Deep enough for CycloneDX components nested 40 levels; strings up to 16 MiB (license texts).
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(100)
                  .maxStringLength(16 << 20)
                  .maxNumberLength(1000)
                  .build())
          .build();

  /** Reads the value of one object member; the cursor is on the value. */
  @FunctionalInterface
  interface MemberReader {
    void read(String member) throws IOException, SbomException;
  }

  /** Reads one array element; the cursor is on the element. */
  @FunctionalInterface
  interface ElementReader {
    void read(int index) throws IOException, SbomException;
  }

  /** Reads one member and says whether to go on. */
  @FunctionalInterface
  interface StoppingMemberReader {
    boolean read(String member) throws IOException, SbomException;
  }

  private final JsonParser parser;
  private final String file;

  private JsonCursor(JsonParser parser, String file) {
    this.parser = parser;
    this.file = file;
  }

  /**
   * A cursor on the first token of the document in {@code in}.
   *
   * @param file the file name for messages
   */
  static JsonCursor open(InputStream in, String file) throws IOException, SbomException {
    JsonCursor cursor = new JsonCursor(FACTORY.createParser(in), file);
    if (cursor.parser.nextToken() == null) {
      cursor.close();
      throw new SbomException(file + ": empty file, expected a JSON object");
    }
    return cursor;
  }

  /**
   * Walks the object the cursor is on, handing each member to {@code reader}, which must consume
   * the value ({@link #skip()} what it does not want).
   */
  void object(String what, MemberReader reader) throws IOException, SbomException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw error(what + " must be a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      parser.nextToken();
      reader.read(member);
    }
  }

  /** Walks the object the cursor is on member by member until {@code reader} says stop. */
  void objectUntil(String what, StoppingMemberReader reader) throws IOException, SbomException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw error(what + " must be a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String member = parser.currentName();
      parser.nextToken();
      if (!reader.read(member)) {
        return;
      }
    }
  }

  /** Walks the array the cursor is on, handing each element to {@code reader}. */
  void array(String what, ElementReader reader) throws IOException, SbomException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw error(what + " must be a JSON array");
    }
    int index = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw error("the document ends inside " + what);
      }
      reader.read(index++);
    }
  }

  /** The string the cursor is on; null for JSON null. */
  @Nullable String string(String what) throws IOException, SbomException {
    return string(what, "");
  }

  /**
   * The string the cursor is on, the member {@code member} of the object at {@code where}; null for
   * JSON null. (The two parts are joined only for an error: most members are fine.)
   */
  @Nullable String string(String where, String member) throws IOException, SbomException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw error(where + (member.isEmpty() ? "" : "/" + member) + " must be a string");
    }
    return parser.getText();
  }

  /** Checks that nothing but white space follows the value the cursor was on. */
  void requireEnd() throws IOException, SbomException {
    if (parser.nextToken() != null) {
      throw error("content after the end of the document");
    }
  }

  /** Skips the value the cursor is on, with everything nested in it. */
  void skip() throws IOException {
    parser.skipChildren();
  }

  /** Whether the cursor is on an object (rather than a scalar or an array). */
  boolean atObject() {
    return parser.currentToken() == JsonToken.START_OBJECT;
  }

  /** An error at the cursor's position: {@code file:line:column: message}. */
  SbomException error(String message) {
    JsonLocation location = parser.currentTokenLocation();
    return new SbomException(
        file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": " + message);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
