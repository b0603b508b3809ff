package dev.bulwark.policy.criteria;

import dev.bulwark.policy.model.PolicyGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Parsers for the value formats of StackRox criteria; each throws IllegalArgumentException. */
final class Values {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");

  /** Turns one value as written into its compiled form; throws IllegalArgumentException. */
  @FunctionalInterface
  interface Parser<V> {
    V parse(String value);
  }

  private Values() {}

  /** Parses every value of the group; reports each bad one and returns null if any was bad. */
  static <V> @Nullable List<V> parseAll(
      PolicyGroup group, List<ValueProblem> problems, Parser<V> parser) {
    List<V> parsed = new ArrayList<>(group.values().size());
    boolean valid = true;
    for (int i = 0; i < group.values().size(); i++) {
      try {
        parsed.add(parser.parse(group.values().get(i)));
      } catch (IllegalArgumentException e) {
        problems.add(new ValueProblem(i, Objects.requireNonNullElse(e.getMessage(), "invalid")));
        valid = false;
      }
    }
    return valid ? List.copyOf(parsed) : null;
  }

  static Predicate<String> text(String value) {
    return TextPattern.compile(value)::matches;
  }

  static Predicate<Boolean> bool(String value) {
    boolean expected = parseBoolean(value);
    return actual -> actual == expected;
  }

  static boolean parseBoolean(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException("expected true or false, found \"" + value + "\"");
    };
  }

  /** {@code [<|>|<=|>=] N} against a decimal. */
  static Predicate<Double> number(String value) {
    Comparison comparison = Comparison.parse(value);
    if (!DECIMAL.matcher(comparison.operand()).matches()) {
      throw new IllegalArgumentException(
          "expected a number, optionally after <, >, <= or >= (such as \">= 7\"), found \""
              + value
              + "\"");
    }
    double expected = Double.parseDouble(comparison.operand());
    return actual -> comparison.operator().holds(Double.compare(actual, expected));
  }

  /** A whole number of days N, matching ages of at least N days (StackRox's day criteria). */
  static Predicate<Double> atLeastDays(String value) {
    String trimmed = value.trim();
    if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "expected a whole number of days, found \"" + value + "\"");
    }
    double days = Double.parseDouble(trimmed);
    return age -> age >= days;
  }

  /** One of the enum's constants, ignoring case, underscores and spaces. */
  static <E extends Enum<E>> E constant(Class<E> type, String value) {
    String wanted = normalize(value);
    for (E constant : type.getEnumConstants()) {
      if (normalize(constant.name()).equals(wanted)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name());
    }
    throw new IllegalArgumentException(
        "expected one of " + String.join(", ", names) + ", found \"" + value + "\"");
  }

  private static String normalize(String name) {
    return name.trim().replace("_", "").replace(" ", "").toUpperCase(Locale.ROOT);
  }

  /** A Linux capability as Kubernetes writes it: upper case, without {@code CAP_}. */
  static String capability(String value) {
    String name = value.trim().toUpperCase(Locale.ROOT);
    if (name.startsWith("CAP_")) {
      name = name.substring("CAP_".length());
    }
    if (!name.matches("[A-Z0-9_]+")) {
      throw new IllegalArgumentException(
          "expected a Linux capability name such as SYS_ADMIN, found \"" + value + "\"");
    }
    return name;
  }

  /**
   * Splits {@code a=b=c} into exactly {@code parts} pieces at the first {@code parts - 1} equals
   * signs (the last piece keeps any further ones), as StackRox splits compound values.
   */
  static List<String> split(String value, int parts, String format) {
    String[] pieces = value.split("=", parts);
    if (pieces.length != parts) {
      throw new IllegalArgumentException("expected " + format + ", found \"" + value + "\"");
    }
    return List.of(pieces);
  }
}
