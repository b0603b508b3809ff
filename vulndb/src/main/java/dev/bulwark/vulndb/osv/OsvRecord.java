package dev.bulwark.vulndb.osv;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One OSV vulnerability record, as far as Bulwark uses it. References and credits are not kept:
 * reports link to the advisory by id. {@code details} is kept in the model (it is part of the
 * record) but the store keeps only {@link #headline()}, see docs/adr/0013.
 *
 * @param id the record's identifier, such as {@code GHSA-xxxx-xxxx-xxxx} or {@code GO-2024-3228}
 * @param modified when the record last changed; {@link Instant#EPOCH} when the record had none
 * @param published when the record was published, or null
 * @param withdrawn when the record was withdrawn, or null when it is in force
 * @param aliases identifiers of the same vulnerability in other databases
 * @param related identifiers of related but different vulnerabilities
 * @param summary the one-line summary, empty when absent
 * @param details the long description, empty when absent
 * @param severity the record-level severity entries
 * @param affected the affected packages
 * @param databaseSpecificJson the record's {@code database_specific} object as compact JSON, or
 *     null
 */
public record OsvRecord(
    String id,
    Instant modified,
    @Nullable Instant published,
    @Nullable Instant withdrawn,
    List<String> aliases,
    List<String> related,
    String summary,
    String details,
    List<Severity> severity,
    List<Affected> affected,
    @Nullable String databaseSpecificJson) {
  /** Longest headline taken from {@code details} when a record has no summary. */
  static final int HEADLINE_LIMIT = 200;

  public OsvRecord {
    aliases = List.copyOf(aliases);
    related = List.copyOf(related);
    severity = List.copyOf(severity);
    affected = List.copyOf(affected);
  }

  /** Whether the record was withdrawn; matching skips withdrawn records. */
  public boolean isWithdrawn() {
    return withdrawn != null;
  }

  /**
   * The summary, or when there is none the first line of the details cut to 200 characters: a
   * record always has a line to show in a report.
   */
  public String headline() {
    if (!summary.isBlank()) {
      return summary.strip();
    }
    String firstLine = details.strip().lines().findFirst().orElse("");
    return firstLine.length() <= HEADLINE_LIMIT
        ? firstLine
        : firstLine.substring(0, HEADLINE_LIMIT - 1) + "…";
  }
}
