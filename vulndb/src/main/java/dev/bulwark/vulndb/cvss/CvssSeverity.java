package dev.bulwark.vulndb.cvss;

/**
 * Qualitative severity bands. CVSS v3 and v4 define None 0.0, Low 0.1-3.9, Medium 4.0-6.9, High
 * 7.0-8.9 and Critical 9.0-10.0; CVSS v2 has no such table in its specification, so Bulwark uses
 * NVD's v2 bands (Low 0.0-3.9, Medium 4.0-6.9, High 7.0-10.0).
 */
public enum CvssSeverity {
  NONE,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The band of a v3 or v4 base score. */
  public static CvssSeverity of(double score) {
    if (score == 0.0) {
      return NONE;
    }
    if (score < 4.0) {
      return LOW;
    }
    if (score < 7.0) {
      return MEDIUM;
    }
    return score < 9.0 ? HIGH : CRITICAL;
  }

  /** The band of a v2 base score, as NVD assigns it. */
  public static CvssSeverity ofVersion2(double score) {
    if (score < 4.0) {
      return LOW;
    }
    return score < 7.0 ? MEDIUM : HIGH;
  }
}
