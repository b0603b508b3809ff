package dev.bulwark.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of a JSON object whose format fixes their types: a field that is missing or of
 * another type is an error naming it, never a default. For stored forms and wire formats that are
 * read whole or not at all.
 */
public final class StrictJson {
  private StrictJson() {}

  /** A field is missing or is not of the type the format gives it. */
  public static final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public MalformedJsonException(String reason) {
      super(reason);
      this.reason = reason;
    }

    /** What is wrong, naming the field. */
    public String reason() {
      return reason;
    }
  }

  public static String text(JsonNode node, String field) throws MalformedJsonException {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new MalformedJsonException("\"" + field + "\" is missing or no string");
    }
    return value.textValue();
  }

  /** A string, or null when the field is JSON null. */
  public static @Nullable String optionalText(JsonNode node, String field)
      throws MalformedJsonException {
    return node.path(field).isNull() ? null : text(node, field);
  }

  public static boolean bool(JsonNode node, String field) throws MalformedJsonException {
    JsonNode value = node.path(field);
    if (!value.isBoolean()) {
      throw new MalformedJsonException("\"" + field + "\" is missing or no boolean");
    }
    return value.booleanValue();
  }

  public static double number(JsonNode node, String field) throws MalformedJsonException {
    JsonNode value = node.path(field);
    if (!value.isNumber()) {
      throw new MalformedJsonException("\"" + field + "\" is missing or no number");
    }
    return value.doubleValue();
  }

  /** An ISO-8601 instant, or null when the field is JSON null. */
  public static @Nullable Instant instant(JsonNode node, String field)
      throws MalformedJsonException {
    String value = optionalText(node, field);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new MalformedJsonException("\"" + field + "\" is not an instant: " + value);
    }
  }

  public static JsonNode object(JsonNode node, String field) throws MalformedJsonException {
    JsonNode value = node.path(field);
    if (!value.isObject()) {
      throw new MalformedJsonException("\"" + field + "\" is missing or no object");
    }
    return value;
  }

  public static JsonNode array(JsonNode node, String field) throws MalformedJsonException {
    JsonNode value = node.path(field);
    if (!value.isArray()) {
      throw new MalformedJsonException("\"" + field + "\" is missing or no array");
    }
    return value;
  }
}
