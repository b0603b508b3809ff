package dev.bulwark.vulndb.match;

import dev.bulwark.vulndb.cvss.CvssSeverity;
import java.util.Locale;
import java.util.Optional;

/** The severity reported for a match: a CVSS band, or {@link #UNKNOWN} when nothing rates it. */
public enum MatchSeverity {
  UNKNOWN,
  NONE,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The severity of a CVSS band. */
  static MatchSeverity of(CvssSeverity band) {
    return switch (band) {
      case NONE -> NONE;
      case LOW -> LOW;
      case MEDIUM -> MEDIUM;
      case HIGH -> HIGH;
      case CRITICAL -> CRITICAL;
    };
  }

  /**
   * The severity of a database's own label, as GitHub ({@code MODERATE}) and the distributions
   * ({@code IMPORTANT}, {@code NEGLIGIBLE}) write them; empty for a label not known here.
   */
  static Optional<MatchSeverity> ofLabel(String label) {
    return switch (label.strip().toUpperCase(Locale.ROOT)) {
      case "CRITICAL" -> Optional.of(CRITICAL);
      case "HIGH", "IMPORTANT" -> Optional.of(HIGH);
      case "MEDIUM", "MODERATE" -> Optional.of(MEDIUM);
      case "LOW", "NEGLIGIBLE", "UNIMPORTANT" -> Optional.of(LOW);
      default -> Optional.empty();
    };
  }
}
