package dev.bulwark.vulndb.cvss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of a vector split into name and value, checked against a version's metric table:
 * every name known, no name twice, every value allowed, every required (base) metric present.
 */
final class MetricVector {
  private final Map<String, String> values;

  private MetricVector(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Splits {@code body} (the vector without its version prefix) into metrics.
   *
   * @param vector the whole vector, for messages
   * @param allowed for every metric name, its allowed values
   * @param required the metric names that must be present
   */
  static MetricVector parse(
      String vector, String body, Map<String, List<String>> allowed, List<String> required)
      throws InvalidCvssVectorException {
    Map<String, String> values = new LinkedHashMap<>();
    if (body.isEmpty()) {
      throw new InvalidCvssVectorException(vector, "no metrics");
    }
    for (String part : body.split("/", -1)) {
      int colon = part.indexOf(':');
      if (colon <= 0 || colon == part.length() - 1) {
        throw new InvalidCvssVectorException(vector, "\"" + part + "\" is not METRIC:VALUE");
      }
      String name = part.substring(0, colon);
      String value = part.substring(colon + 1);
      List<String> permitted = allowed.get(name);
      if (permitted == null) {
        throw new InvalidCvssVectorException(vector, "unknown metric " + name);
      }
      if (!permitted.contains(value)) {
        throw new InvalidCvssVectorException(
            vector,
            "metric "
                + name
                + " has value "
                + value
                + "; allowed: "
                + String.join(", ", permitted));
      }
      if (values.put(name, value) != null) {
        throw new InvalidCvssVectorException(vector, "metric " + name + " is given twice");
      }
    }
    for (String name : required) {
      if (!values.containsKey(name)) {
        throw new InvalidCvssVectorException(vector, "base metric " + name + " is missing");
      }
    }
    return new MetricVector(values);
  }

  /** The value of a metric, or {@code X} (not defined) when the vector does not set it. */
  String get(String name) {
    return values.getOrDefault(name, "X");
  }
}
