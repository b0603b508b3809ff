package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.MapNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes resource quantities ({@code 500m}, {@code 128Mi}, {@code 1e3}, ...), parsed exactly
 * with the grammar of the Kubernetes API: a signed decimal number followed by a binary suffix
 * (Ki..Ei), a decimal suffix (n, u, m, none, k, M, G, T, P, E) or a decimal exponent ({@code e3},
 * {@code E-2}). Suffixes are case sensitive, so {@code m} is always milli, also for memory.
 */
final class Quantities {
  // Long enough for any real quantity; the bound keeps hostile input from costing time.
  private static final int MAX_LENGTH = 64;
  private static final Pattern QUANTITY =
      Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(.*)", Pattern.DOTALL);
  // Three digits reach far beyond any double; longer exponents are refused rather than computed.
  private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?[0-9]{1,3})");
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
          Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
          Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
          Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
          Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
          Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
          Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
          Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
          Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  private Quantities() {}

  /** The exact value of a quantity in base units, or null when it is not a valid quantity. */
  static @Nullable BigDecimal parse(@Nullable String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return null;
    }
    Matcher quantity = QUANTITY.matcher(text);
    if (!quantity.matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(quantity.group(1));
    String suffix = quantity.group(2);
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier != null) {
      return number.multiply(multiplier);
    }
    Matcher exponent = EXPONENT.matcher(suffix);
    if (exponent.matches()) {
      return number.scaleByPowerOfTen(Integer.parseInt(exponent.group(1)));
    }
    return null;
  }

  /** CPU in cores, or null when absent or invalid. */
  static @Nullable Double cores(@Nullable MapNode amounts) {
    BigDecimal value = parse(amounts == null ? null : amounts.string("cpu"));
    return value == null ? null : finite(value.doubleValue());
  }

  /** Memory in MB (10^6 bytes), or null when absent or invalid. */
  static @Nullable Double megabytes(@Nullable MapNode amounts) {
    BigDecimal value = parse(amounts == null ? null : amounts.string("memory"));
    return value == null ? null : finite(value.movePointLeft(6).doubleValue());
  }

  private static @Nullable Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
