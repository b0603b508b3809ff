package dev.bulwark.vulndb.cvss;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CVSS v4.0 score, per section 8 of the specification: the vector falls into a macrovector of six
 * equivalence classes (EQ1 to EQ6) whose score comes from the published lookup table; the score is
 * then lowered by the vector's mean proportional distance from the highest-severity vectors of its
 * macrovector towards the next lower macrovectors. Threat and environmental metrics take part as
 * the specification says (E not defined counts as Attacked, CR/IR/AR not defined as High, a
 * modified metric replaces its base metric), so a vector with only base metrics gets CVSS-B.
 */
final class Cvss4 {
  private static final List<String> BASE =
      List.of("AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA");
  private static final List<String> IMPACT = List.of("H", "L", "N");
  private static final List<String> MODIFIED_IMPACT = List.of("X", "H", "L", "N");
  private static final List<String> SAFETY_IMPACT = List.of("X", "S", "H", "L", "N");
  private static final List<String> REQUIREMENT = List.of("X", "H", "M", "L");
  private static final Map<String, List<String>> METRICS =
      Map.ofEntries(
          Map.entry("AV", List.of("N", "A", "L", "P")),
          Map.entry("AC", List.of("L", "H")),
          Map.entry("AT", List.of("N", "P")),
          Map.entry("PR", List.of("N", "L", "H")),
          Map.entry("UI", List.of("N", "P", "A")),
          Map.entry("VC", IMPACT),
          Map.entry("VI", IMPACT),
          Map.entry("VA", IMPACT),
          Map.entry("SC", IMPACT),
          Map.entry("SI", IMPACT),
          Map.entry("SA", IMPACT),
          Map.entry("E", List.of("X", "A", "P", "U")),
          Map.entry("CR", REQUIREMENT),
          Map.entry("IR", REQUIREMENT),
          Map.entry("AR", REQUIREMENT),
          Map.entry("MAV", List.of("X", "N", "A", "L", "P")),
          Map.entry("MAC", List.of("X", "L", "H")),
          Map.entry("MAT", List.of("X", "N", "P")),
          Map.entry("MPR", List.of("X", "N", "L", "H")),
          Map.entry("MUI", List.of("X", "N", "P", "A")),
          Map.entry("MVC", MODIFIED_IMPACT),
          Map.entry("MVI", MODIFIED_IMPACT),
          Map.entry("MVA", MODIFIED_IMPACT),
          Map.entry("MSC", MODIFIED_IMPACT),
          Map.entry("MSI", SAFETY_IMPACT),
          Map.entry("MSA", SAFETY_IMPACT),
          Map.entry("S", List.of("X", "N", "P")),
          Map.entry("AU", List.of("X", "N", "Y")),
          Map.entry("R", List.of("X", "A", "U", "I")),
          Map.entry("V", List.of("X", "D", "C")),
          Map.entry("RE", List.of("X", "L", "M", "H")),
          Map.entry("U", List.of("X", "Clear", "Green", "Amber", "Red")));

  /** Severity levels of metric values; a distance is the difference of two levels. */
  private static final Map<String, Map<String, Double>> LEVELS =
      Map.ofEntries(
          Map.entry("AV", Map.of("N", 0.0, "A", 0.1, "L", 0.2, "P", 0.3)),
          Map.entry("PR", Map.of("N", 0.0, "L", 0.1, "H", 0.2)),
          Map.entry("UI", Map.of("N", 0.0, "P", 0.1, "A", 0.2)),
          Map.entry("AC", Map.of("L", 0.0, "H", 0.1)),
          Map.entry("AT", Map.of("N", 0.0, "P", 0.1)),
          Map.entry("VC", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("VI", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("VA", Map.of("H", 0.0, "L", 0.1, "N", 0.2)),
          Map.entry("SC", Map.of("H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("SI", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("SA", Map.of("S", 0.0, "H", 0.1, "L", 0.2, "N", 0.3)),
          Map.entry("CR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
          Map.entry("IR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)),
          Map.entry("AR", Map.of("H", 0.0, "M", 0.1, "L", 0.2)));

  /** The highest-severity vectors of each EQ level; EQ3 and EQ6 are taken together. */
  private static final List<List<String>> EQ1_MAXIMA =
      List.of(
          List.of("AV:N/PR:N/UI:N"),
          List.of("AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"),
          List.of("AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"));

  private static final List<List<String>> EQ2_MAXIMA =
      List.of(List.of("AC:L/AT:N"), List.of("AC:H/AT:N", "AC:L/AT:P"));

  private static final Map<String, List<String>> EQ3_EQ6_MAXIMA =
      Map.of(
          "00", List.of("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"),
          "01", List.of("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"),
          "10", List.of("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"),
          "11",
              List.of(
                  "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H",
                  "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
                  "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
                  "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
                  "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"),
          "21", List.of("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"));

  private static final List<String> EQ4_MAXIMA =
      List.of("SC:H/SI:S/SA:S", "SC:H/SI:H/SA:H", "SC:L/SI:L/SA:L");

  /** The depth of each EQ level: the largest distance, in steps of 0.1, inside it. */
  private static final int[] EQ1_DEPTH = {1, 4, 5};

  private static final int[] EQ2_DEPTH = {1, 2};
  private static final Map<String, Integer> EQ3_EQ6_DEPTH =
      Map.of("00", 7, "01", 6, "10", 8, "11", 8, "21", 10);
  private static final int[] EQ4_DEPTH = {6, 5, 4};

  private static final Map<String, Double> MACROVECTOR_SCORES = loadScores();

  private Cvss4() {}

  static CvssScore score(String vector, String body) throws InvalidCvssVectorException {
    MetricVector metrics = MetricVector.parse(vector, body, METRICS, BASE);
    double base = new Effective(metrics).score();
    return new CvssScore(CvssVersion.V4_0, vector, base, CvssSeverity.of(base));
  }

  private static Map<String, Double> loadScores() {
    Map<String, Double> scores = new HashMap<>();
    try (InputStream in = Cvss4.class.getResourceAsStream("cvss4-macrovector-scores.txt")) {
      if (in == null) {
        throw new IllegalStateException("cvss4-macrovector-scores.txt is missing from the jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] fields = line.strip().split(" ");
          scores.put(fields[0], Double.parseDouble(fields[1]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (scores.size() != 270) {
      throw new IllegalStateException("the CVSS v4 lookup table must have 270 entries");
    }
    return Map.copyOf(scores);
  }

  /** The effective metric values of one vector and the computation on them. */
  private static final class Effective {
    private final MetricVector metrics;

    Effective(MetricVector metrics) {
      this.metrics = metrics;
    }

    /** The value in effect: the modified metric when set, otherwise the base or default. */
    String value(String name) {
      String modified = metrics.get("M" + name);
      if (!modified.equals("X")) {
        return modified;
      }
      String value = metrics.get(name);
      if (value.equals("X")) {
        return name.equals("E") ? "A" : "H";
      }
      return value;
    }

    boolean is(String name, String value) {
      return value(name).equals(value);
    }

    double score() {
      if (List.of("VC", "VI", "VA", "SC", "SI", "SA").stream().allMatch(name -> is(name, "N"))) {
        return 0.0;
      }
      int eq1 = eq1();
      int eq2 = is("AC", "L") && is("AT", "N") ? 0 : 1;
      int eq3 = eq3();
      int eq4 = eq4();
      int eq5 = is("E", "A") ? 0 : is("E", "P") ? 1 : 2;
      int eq6 =
          (is("CR", "H") && is("VC", "H"))
                  || (is("IR", "H") && is("VI", "H"))
                  || (is("AR", "H") && is("VA", "H"))
              ? 0
              : 1;
      double value = lookup(eq1, eq2, eq3, eq4, eq5, eq6);
      double lowerEq1 = lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
      double lowerEq2 = lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
      double lowerEq3Eq6 = lowerEq3Eq6(eq1, eq2, eq3, eq4, eq5, eq6);
      double lowerEq4 = lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
      double lowerEq5 = lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

      Map<String, Double> distances = distancesToMaximum(eq1, eq2, "" + eq3 + eq6, eq4);
      double[] available = {
        value - lowerEq1, value - lowerEq2, value - lowerEq3Eq6, value - lowerEq4, value - lowerEq5
      };
      double[] proportion = {
        sum(distances, "AV", "PR", "UI") / (EQ1_DEPTH[eq1] * 0.1),
        sum(distances, "AC", "AT") / (EQ2_DEPTH[eq2] * 0.1),
        sum(distances, "VC", "VI", "VA", "CR", "IR", "AR")
            / (EQ3_EQ6_DEPTH.getOrDefault("" + eq3 + eq6, 10) * 0.1),
        sum(distances, "SC", "SI", "SA") / (EQ4_DEPTH[eq4] * 0.1),
        // Every EQ5 level holds one value, so a vector is never below its maximum there.
        0.0
      };
      int existingLower = 0;
      double total = 0;
      for (int i = 0; i < available.length; i++) {
        if (!Double.isNaN(available[i])) {
          existingLower++;
          total += available[i] * proportion[i];
        }
      }
      double mean = existingLower == 0 ? 0 : total / existingLower;
      double score = Math.clamp(value - mean, 0.0, 10.0);
      // The specification's calculator adds 1e-6 before rounding so that x.x5 computed as
      // x.x4999... still rounds up.
      return Math.round((score + 1e-6) * 10) / 10.0;
    }

    private int eq1() {
      boolean av = is("AV", "N");
      boolean pr = is("PR", "N");
      boolean ui = is("UI", "N");
      if (av && pr && ui) {
        return 0;
      }
      return (av || pr || ui) && !is("AV", "P") ? 1 : 2;
    }

    private int eq3() {
      if (is("VC", "H") && is("VI", "H")) {
        return 0;
      }
      return is("VC", "H") || is("VI", "H") || is("VA", "H") ? 1 : 2;
    }

    private int eq4() {
      if (is("SI", "S") || is("SA", "S")) {
        return 0;
      }
      return is("SC", "H") || is("SI", "H") || is("SA", "H") ? 1 : 2;
    }

    /**
     * The next lower macrovector for EQ3 and EQ6 together: from 00 both 01 and 10 are one step
     * lower and the higher of the two counts.
     */
    private static double lowerEq3Eq6(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
      if (eq3 == 0 && eq6 == 0) {
        return Math.max(lookup(eq1, eq2, 0, eq4, eq5, 1), lookup(eq1, eq2, 1, eq4, eq5, 0));
      }
      if (eq3 == 1 && eq6 == 0) {
        return lookup(eq1, eq2, 1, eq4, eq5, 1);
      }
      return lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    }

    private static double lookup(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
      Double score = MACROVECTOR_SCORES.get("" + eq1 + eq2 + eq3 + eq4 + eq5 + eq6);
      return score == null ? Double.NaN : score;
    }

    /**
     * The distances of every metric from the first highest-severity vector of the macrovector that
     * the vector does not exceed in any metric.
     */
    private Map<String, Double> distancesToMaximum(int eq1, int eq2, String eq3Eq6, int eq4) {
      List<String> eq3Eq6Maxima = EQ3_EQ6_MAXIMA.getOrDefault(eq3Eq6, List.of());
      for (String first : EQ1_MAXIMA.get(eq1)) {
        for (String second : EQ2_MAXIMA.get(eq2)) {
          for (String third : eq3Eq6Maxima) {
            String maximum = first + "/" + second + "/" + third + "/" + EQ4_MAXIMA.get(eq4);
            Map<String, Double> distances = distances(maximum);
            if (distances.values().stream().allMatch(distance -> distance >= 0)) {
              return distances;
            }
          }
        }
      }
      // Unreachable for a valid vector: some maximum of its own macrovector always bounds it.
      throw new IllegalStateException("no maximum vector for macrovector " + eq1 + eq2 + eq3Eq6);
    }

    private Map<String, Double> distances(String maximum) {
      Map<String, Double> distances = new HashMap<>();
      for (String part : maximum.split("/")) {
        String name = part.substring(0, part.indexOf(':'));
        Map<String, Double> levels = Objects.requireNonNull(LEVELS.get(name));
        double own = Objects.requireNonNull(levels.get(value(name)));
        double maximumLevel =
            Objects.requireNonNull(levels.get(part.substring(part.indexOf(':') + 1)));
        distances.put(name, own - maximumLevel);
      }
      return distances;
    }

    private static double sum(Map<String, Double> distances, String... names) {
      double total = 0;
      for (String name : names) {
        total += distances.getOrDefault(name, 0.0);
      }
      return total;
    }
  }
}
