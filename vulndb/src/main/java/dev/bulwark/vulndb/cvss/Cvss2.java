package dev.bulwark.vulndb.cvss;

import java.util.List;
import java.util.Map;

/** CVSS v2 base score, per the equations of section 3.2.1 of the v2 guide. */
final class Cvss2 {
  private static final List<String> BASE = List.of("AV", "AC", "Au", "C", "I", "A");
  private static final List<String> IMPACT = List.of("N", "P", "C");
  private static final List<String> REQUIREMENT = List.of("L", "M", "H", "ND");
  private static final Map<String, List<String>> METRICS =
      Map.ofEntries(
          Map.entry("AV", List.of("L", "A", "N")),
          Map.entry("AC", List.of("H", "M", "L")),
          Map.entry("Au", List.of("M", "S", "N")),
          Map.entry("C", IMPACT),
          Map.entry("I", IMPACT),
          Map.entry("A", IMPACT),
          Map.entry("E", List.of("U", "POC", "F", "H", "ND")),
          Map.entry("RL", List.of("OF", "TF", "W", "U", "ND")),
          Map.entry("RC", List.of("UC", "UR", "C", "ND")),
          Map.entry("CDP", List.of("N", "L", "LM", "MH", "H", "ND")),
          Map.entry("TD", List.of("N", "L", "M", "H", "ND")),
          Map.entry("CR", REQUIREMENT),
          Map.entry("IR", REQUIREMENT),
          Map.entry("AR", REQUIREMENT));

  private Cvss2() {}

  static CvssScore score(String vector, String body) throws InvalidCvssVectorException {
    MetricVector metrics = MetricVector.parse(vector, body, METRICS, BASE);
    double impact =
        10.41
            * (1
                - (1 - impact(metrics.get("C")))
                    * (1 - impact(metrics.get("I")))
                    * (1 - impact(metrics.get("A"))));
    double exploitability =
        20
            * accessVector(metrics.get("AV"))
            * complexity(metrics.get("AC"))
            * authentication(metrics.get("Au"));
    double factor = impact == 0 ? 0 : 1.176;
    double raw = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * factor;
    double base = Math.round(Math.max(raw, 0) * 10) / 10.0;
    return new CvssScore(CvssVersion.V2, vector, base, CvssSeverity.ofVersion2(base));
  }

  private static double accessVector(String value) {
    return switch (value) {
      case "L" -> 0.395;
      case "A" -> 0.646;
      default -> 1.0;
    };
  }

  private static double complexity(String value) {
    return switch (value) {
      case "H" -> 0.35;
      case "M" -> 0.61;
      default -> 0.71;
    };
  }

  private static double authentication(String value) {
    return switch (value) {
      case "M" -> 0.45;
      case "S" -> 0.56;
      default -> 0.704;
    };
  }

  private static double impact(String value) {
    return switch (value) {
      case "P" -> 0.275;
      case "C" -> 0.660;
      default -> 0.0;
    };
  }
}
