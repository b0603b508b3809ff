package dev.bulwark.vulndb.store;

import dev.bulwark.vulndb.osv.OsvPackage;
import dev.bulwark.vulndb.osv.Range;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One affected entry of a record, as the matcher reads it: the ranges and versions are data to be
 * evaluated with the ecosystem's version ordering.
 *
 * @param vulnerability the record the entry belongs to
 * @param packageId the package as the record names it
 * @param ranges the ranges
 * @param versions the listed versions
 * @param databaseSpecificJson the entry's {@code database_specific} JSON, or null
 */
public record AffectedPackage(
    VulnerabilitySummary vulnerability,
    OsvPackage packageId,
    List<Range> ranges,
    List<String> versions,
    @Nullable String databaseSpecificJson) {
  public AffectedPackage {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
  }
}
