package dev.bulwark.vulndb.cvss;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * CVSS v3.0 and v3.1 base score, per section 7.1 of the specifications. The versions differ only in
 * rounding up: v3.1 rounds through integers so that floating-point noise never lifts a score by 0.1
 * (appendix A of v3.1).
 */
final class Cvss3 {
  private static final List<String> BASE = List.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");
  private static final List<String> IMPACT = List.of("H", "L", "N");
  private static final List<String> MODIFIED_IMPACT = List.of("X", "H", "L", "N");
  private static final List<String> REQUIREMENT = List.of("X", "H", "M", "L");
  private static final Map<String, List<String>> METRICS =
      Map.ofEntries(
          Map.entry("AV", List.of("N", "A", "L", "P")),
          Map.entry("AC", List.of("L", "H")),
          Map.entry("PR", List.of("N", "L", "H")),
          Map.entry("UI", List.of("N", "R")),
          Map.entry("S", List.of("U", "C")),
          Map.entry("C", IMPACT),
          Map.entry("I", IMPACT),
          Map.entry("A", IMPACT),
          Map.entry("E", List.of("X", "H", "F", "P", "U")),
          Map.entry("RL", List.of("X", "U", "W", "T", "O")),
          Map.entry("RC", List.of("X", "C", "R", "U")),
          Map.entry("CR", REQUIREMENT),
          Map.entry("IR", REQUIREMENT),
          Map.entry("AR", REQUIREMENT),
          Map.entry("MAV", List.of("X", "N", "A", "L", "P")),
          Map.entry("MAC", List.of("X", "L", "H")),
          Map.entry("MPR", List.of("X", "N", "L", "H")),
          Map.entry("MUI", List.of("X", "N", "R")),
          Map.entry("MS", List.of("X", "U", "C")),
          Map.entry("MC", MODIFIED_IMPACT),
          Map.entry("MI", MODIFIED_IMPACT),
          Map.entry("MA", MODIFIED_IMPACT));

  private Cvss3() {}

  static CvssScore score(CvssVersion version, String vector, String body)
      throws InvalidCvssVectorException {
    MetricVector metrics = MetricVector.parse(vector, body, METRICS, BASE);
    boolean changed = metrics.get("S").equals("C");
    double subScore =
        1
            - (1 - impact(metrics.get("C")))
                * (1 - impact(metrics.get("I")))
                * (1 - impact(metrics.get("A")));
    double impact =
        changed
            ? 7.52 * (subScore - 0.029) - 3.25 * Math.pow(subScore - 0.02, 15)
            : 6.42 * subScore;
    double exploitability =
        8.22
            * attackVector(metrics.get("AV"))
            * (metrics.get("AC").equals("L") ? 0.77 : 0.44)
            * privileges(metrics.get("PR"), changed)
            * (metrics.get("UI").equals("N") ? 0.85 : 0.62);
    double base;
    if (impact <= 0) {
      base = 0.0;
    } else {
      double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
      base = roundUp(version, Math.min(sum, 10));
    }
    return new CvssScore(version, vector, base, CvssSeverity.of(base));
  }

  /** The smallest number with one decimal that is equal to or higher than {@code value}. */
  static double roundUp(CvssVersion version, double value) {
    if (version == CvssVersion.V3_0) {
      return BigDecimal.valueOf(Math.ceil(value * 10)).movePointLeft(1).doubleValue();
    }
    long integer = Math.round(value * 100_000);
    if (integer % 10_000 == 0) {
      return integer / 100_000.0;
    }
    return BigDecimal.valueOf(Math.floorDiv(integer, 10_000) + 1)
        .movePointLeft(1)
        .setScale(1, RoundingMode.UNNECESSARY)
        .doubleValue();
  }

  private static double attackVector(String value) {
    return switch (value) {
      case "N" -> 0.85;
      case "A" -> 0.62;
      case "L" -> 0.55;
      default -> 0.2;
    };
  }

  private static double privileges(String value, boolean scopeChanged) {
    return switch (value) {
      case "N" -> 0.85;
      case "L" -> scopeChanged ? 0.68 : 0.62;
      default -> scopeChanged ? 0.5 : 0.27;
    };
  }

  private static double impact(String value) {
    return switch (value) {
      case "H" -> 0.56;
      case "L" -> 0.22;
      default -> 0.0;
    };
  }
}
