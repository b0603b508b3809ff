package dev.bulwark.vulndb.cvss;

/**
 * Parses CVSS vectors and computes their base scores per the FIRST specifications: v2 ({@code
 * AV:N/AC:L/Au:N/C:P/I:P/A:P}, optionally in parentheses), v3.0 and v3.1 ({@code CVSS:3.1/...}) and
 * v4.0 ({@code CVSS:4.0/...}). Temporal, threat and environmental metrics are validated but do not
 * change the base score.
 *
 * <p>Thread-safe and stateless.
 */
public final class Cvss {
  private Cvss() {}

  /**
   * The base score of {@code vector}.
   *
   * @throws InvalidCvssVectorException when the vector is malformed, names an unknown metric or
   *     value, repeats or lacks a base metric, or has an unsupported version
   */
  public static CvssScore score(String vector) throws InvalidCvssVectorException {
    String trimmed = vector.strip();
    if (trimmed.startsWith("CVSS:3.1/")) {
      return Cvss3.score(CvssVersion.V3_1, trimmed, trimmed.substring(9));
    }
    if (trimmed.startsWith("CVSS:3.0/")) {
      return Cvss3.score(CvssVersion.V3_0, trimmed, trimmed.substring(9));
    }
    if (trimmed.startsWith("CVSS:4.0/")) {
      return Cvss4.score(trimmed, trimmed.substring(9));
    }
    if (trimmed.startsWith("CVSS:2.0/")) {
      return Cvss2.score(trimmed, trimmed.substring(9));
    }
    if (trimmed.startsWith("(") && trimmed.endsWith(")")) {
      return Cvss2.score(trimmed, trimmed.substring(1, trimmed.length() - 1));
    }
    if (trimmed.startsWith("AV:")) {
      return Cvss2.score(trimmed, trimmed);
    }
    if (trimmed.startsWith("CVSS:")) {
      int slash = trimmed.indexOf('/');
      String version = trimmed.substring(5, slash < 0 ? trimmed.length() : slash);
      throw new InvalidCvssVectorException(
          vector, "CVSS version " + version + " is not supported (2.0, 3.0, 3.1 and 4.0 are)");
    }
    throw new InvalidCvssVectorException(
        vector, "expected a CVSS:3.x/ or CVSS:4.0/ prefix, or a v2 vector starting with AV:");
  }
}
