package dev.bulwark.detect.report;

/** The {@code file:line:column} form compilers use, shared by the text-based formats. */
final class Locations {
  private Locations() {}

  /**
   * {@code file:line:column}, dropping the parts that are unknown (0 or empty); empty when nothing
   * is known.
   */
  static String format(String file, int line, int column) {
    StringBuilder location = new StringBuilder(file);
    if (line > 0) {
      location.append(':').append(line);
      if (column > 0) {
        location.append(':').append(column);
      }
    }
    return location.toString();
  }

  /** {@code location: message}, or just the message when the location is unknown. */
  static String prefix(String location, String message) {
    return location.isEmpty() ? message : location + ": " + message;
  }
}
