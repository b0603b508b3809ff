package dev.bulwark.core.manifest;

import org.jspecify.annotations.Nullable;

/**
 * A leaf value. {@code text} is the value as written (after YAML unquoting); {@code type} is how
 * Kubernetes' YAML resolution (see CoreSchema) or JSON resolves it.
 */
public record ScalarNode(@Nullable String text, Type type, Position position) implements Node {
  public enum Type {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    NULL
  }

  public static ScalarNode of(String text, Position position) {
    return new ScalarNode(text, Type.STRING, position);
  }

  public boolean isNull() {
    return type == Type.NULL;
  }

  /**
   * The text of any non-null scalar, so that {@code port: 80} and {@code port: "80"} read alike.
   */
  public @Nullable String asText() {
    return type == Type.NULL ? null : text;
  }

  public @Nullable Boolean asBoolean() {
    if (type == Type.BOOLEAN && text != null) {
      return CoreSchema.booleanValue(text);
    }
    return null;
  }

  /**
   * The value of an integer, or of a string holding a decimal integer ({@code "80"}); null for
   * anything else and for integers that do not fit in a long. Integers use the forms Kubernetes
   * reads, so {@code 0x1F} is 31 and {@code 010} is eight (octal).
   */
  public @Nullable Long asLong() {
    if (text == null) {
      return null;
    }
    return switch (type) {
      case INTEGER -> CoreSchema.parseInteger(text);
      case STRING -> parseDecimal(text.trim());
      case FLOAT, BOOLEAN, NULL -> null;
    };
  }

  private static @Nullable Long parseDecimal(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public @Nullable Object toJava() {
    if (text == null) {
      return null;
    }
    return switch (type) {
      case NULL -> null;
      case STRING -> text;
      case BOOLEAN -> Boolean.TRUE.equals(CoreSchema.booleanValue(text));
      case INTEGER -> parseInteger(text);
      case FLOAT -> parseFloat(text);
    };
  }

  /** The long value, or the text itself when it is too big for a long. */
  private static Object parseInteger(String text) {
    Long value = CoreSchema.parseInteger(text);
    return value != null ? value : text;
  }

  private static Object parseFloat(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals(".nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
