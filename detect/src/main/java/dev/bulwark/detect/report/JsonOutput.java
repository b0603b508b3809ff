package dev.bulwark.detect.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON layout shared by the JSON and SARIF writers: two-space indent, {@code \n} newlines. */
/** JSON writing shared by the report formats of every command: layout, nulls, errors, notes. */
public final class JsonOutput {
  // The caller owns the writer: closing the generator must only flush it.
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");

  private JsonOutput() {}

  /** A pretty-printing generator on {@code out}; its output does not depend on the platform. */
  public static JsonGenerator open(Writer out) throws IOException {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    // A pretty printer keeps the nesting depth, so every generator needs its own.
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(separators)
            .withArrayIndenter(INDENTER)
            .withObjectIndenter(INDENTER);
    JsonGenerator generator = FACTORY.createGenerator(out);
    generator.setPrettyPrinter(printer);
    return generator;
  }

  /** Ends the document with a newline and flushes, leaving {@code out} open. */
  public static void close(JsonGenerator generator) throws IOException {
    generator.writeRaw('\n');
    generator.close();
  }

  static void nullableString(JsonGenerator generator, String field, @Nullable String value)
      throws IOException {
    if (value == null) {
      generator.writeNullField(field);
    } else {
      generator.writeStringField(field, value);
    }
  }

  static void stringArray(JsonGenerator generator, String field, List<String> values)
      throws IOException {
    generator.writeArrayFieldStart(field);
    for (String value : values) {
      generator.writeString(value);
    }
    generator.writeEndArray();
  }

  /** The {@code errors} array: file, line, column and message of each input error. */
  public static void errors(JsonGenerator json, List<ReportError> errors) throws IOException {
    json.writeArrayFieldStart("errors");
    for (ReportError error : errors) {
      json.writeStartObject();
      json.writeStringField("file", error.file());
      json.writeNumberField("line", error.line());
      json.writeNumberField("column", error.column());
      json.writeStringField("message", error.message());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** The {@code notes} array: file, line and message of each note. */
  public static void notes(JsonGenerator json, List<ReportNote> notes) throws IOException {
    json.writeArrayFieldStart("notes");
    for (ReportNote note : notes) {
      json.writeStartObject();
      json.writeStringField("file", note.file());
      json.writeNumberField("line", note.line());
      json.writeStringField("message", note.message());
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
