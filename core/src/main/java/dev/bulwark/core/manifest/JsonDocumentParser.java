package dev.bulwark.core.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Parses JSON with Jackson's streaming parser into the same trees as YAML, with the position of
 * every token. A file may hold several JSON values one after another; each is a document. After a
 * syntax error the rest of the file is lost, since JSON has no document markers to resume at.
 *
 * <p>Thread-safe: the factory is, and each call has its own parser.
 */
final class JsonDocumentParser {
  /** Digits allowed in one number; longer ones are hostile, not configuration. */
  private static final int MAX_NUMBER_LENGTH = 1_000;

  private final ReadLimits limits;
  private final JsonFactory factory;

  JsonDocumentParser(ReadLimits limits) {
    this.limits = limits;
    // Our own depth check (TreeAssembler) fires first with a clearer message; Jackson's limits are
    // the backstop for the rest.
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxDepth() + 1)
            .maxStringLength(Math.max(limits.maxDocumentBytes(), 1))
            .maxNameLength(Math.max(limits.maxDocumentBytes(), 1))
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxDocumentLength(Math.max(limits.maxFileBytes(), 1))
            .build();
    this.factory = JsonFactory.builder().streamReadConstraints(constraints).build();
  }

  /** True when the text should be read as JSON: its first character opens an object or array. */
  static boolean startsLikeJson(String text) {
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  /**
   * Parses every JSON value in {@code text} and hands each to {@code collector}.
   *
   * @param yamlFallback when true and the text fails as JSON before any document was handed over,
   *     return false instead of failing, so that the caller reads it as YAML (flow-style YAML such
   *     as <code>{a: 1}</code> starts like JSON)
   * @return false when the caller should read the text as YAML instead
   * @throws InputException at the first problem; documents before it have been handed over
   */
  boolean parse(String text, boolean yamlFallback, ObjectCollector collector)
      throws InputException {
    int documentsBefore = collector.documentCount();
    try (JsonParser parser = factory.createParser(text)) {
      JsonToken token = parser.nextToken();
      while (token != null) {
        collector.document(value(parser, token));
        token = parser.nextToken();
      }
      return true;
    } catch (StreamConstraintsException e) {
      throw jsonError(e, "JSON exceeds a reading limit: ");
    } catch (JsonProcessingException e) {
      if (yamlFallback && collector.documentCount() == documentsBefore) {
        return false;
      }
      throw jsonError(e, "invalid JSON: ");
    } catch (IOException e) {
      throw new InputException(Position.UNKNOWN, "cannot read JSON: " + e.getMessage());
    }
  }

  /**
   * Reads the one JSON value an open token stream holds (such as a parser over a tree that was
   * already parsed: no text is written and read again), and hands it to {@code collector}.
   *
   * @throws InputException when the stream is not one complete value or exceeds a limit
   */
  void parseValue(JsonParser parser, ObjectCollector collector) throws InputException {
    try {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InputException(Position.UNKNOWN, "invalid JSON: no value");
      }
      collector.document(value(parser, first));
    } catch (StreamConstraintsException e) {
      throw jsonError(e, "JSON exceeds a reading limit: ");
    } catch (JsonProcessingException e) {
      throw jsonError(e, "invalid JSON: ");
    } catch (IOException e) {
      throw new InputException(Position.UNKNOWN, "cannot read JSON: " + e.getMessage());
    }
  }

  /** Reads one complete value, starting at {@code first}. */
  private Node value(JsonParser parser, JsonToken first) throws IOException, InputException {
    TreeAssembler assembler = new TreeAssembler(limits);
    long start = parser.currentTokenLocation().getCharOffset();
    JsonToken token = first;
    while (true) {
      JsonLocation location = parser.currentTokenLocation();
      Position position = toPosition(location);
      if (location.getCharOffset() - start > limits.maxDocumentBytes()) {
        throw new InputException(
            position,
            "document is over the "
                + Messages.size(limits.maxDocumentBytes())
                + " limit for one document; split it");
      }
      switch (token) {
        case START_OBJECT -> assembler.startMap(position, null);
        case START_ARRAY -> assembler.startList(position, null);
        case END_OBJECT, END_ARRAY -> assembler.end();
        case FIELD_NAME ->
            scalar(assembler, parser.currentName(), ScalarNode.Type.STRING, position);
        case VALUE_STRING -> scalar(assembler, parser.getText(), ScalarNode.Type.STRING, position);
        case VALUE_NUMBER_INT ->
            scalar(assembler, parser.getText(), ScalarNode.Type.INTEGER, position);
        case VALUE_NUMBER_FLOAT ->
            scalar(assembler, parser.getText(), ScalarNode.Type.FLOAT, position);
        case VALUE_TRUE, VALUE_FALSE ->
            scalar(assembler, parser.getText(), ScalarNode.Type.BOOLEAN, position);
        case VALUE_NULL -> scalar(assembler, "null", ScalarNode.Type.NULL, position);
        case NOT_AVAILABLE, VALUE_EMBEDDED_OBJECT ->
            throw new InputException(position, "unexpected JSON content " + token);
      }
      if (assembler.isComplete()) {
        return assembler.root();
      }
      token = parser.nextToken();
      if (token == null) {
        throw new InputException(position, "invalid JSON: the text ends inside a value");
      }
    }
  }

  private static void scalar(
      TreeAssembler assembler, String text, ScalarNode.Type type, Position position)
      throws InputException {
    assembler.scalar(new ScalarNode(text, type, position), null, false);
  }

  private static InputException jsonError(JsonProcessingException e, String prefix) {
    JsonLocation location = e.getLocation();
    Position position = location == null ? Position.UNKNOWN : toPosition(location);
    String message = e.getOriginalMessage();
    return new InputException(position, prefix + oneLine(message));
  }

  private static Position toPosition(JsonLocation location) {
    int line = location.getLineNr();
    if (line <= 0) {
      return Position.UNKNOWN; // a stream over a tree has no positions
    }
    return new Position(line, Math.max(location.getColumnNr(), 0));
  }

  private static String oneLine(@Nullable String text) {
    if (text == null) {
      return "syntax error";
    }
    // Jackson appends where an unclosed value started in its own notation ("(start marker at
    // [Source: REDACTED ...; line: 2, column: 14])"); the error's own position already says where.
    int marker = text.indexOf(" (start marker at");
    String message = marker < 0 ? text : text.substring(0, marker);
    return message.strip().replace('\n', ' ');
  }
}
