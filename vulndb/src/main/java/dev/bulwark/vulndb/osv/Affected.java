package dev.bulwark.vulndb.osv;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One affected package of a record.
 *
 * @param packageId the package
 * @param ranges the ranges of affected versions
 * @param versions versions listed as affected, in addition to the ranges
 * @param severity severity entries given for this package only
 * @param ecosystemSpecificJson the {@code ecosystem_specific} object as compact JSON, or null
 * @param databaseSpecificJson the {@code database_specific} object as compact JSON, or null (some
 *     databases put a severity label here)
 */
public record Affected(
    OsvPackage packageId,
    List<Range> ranges,
    List<String> versions,
    List<Severity> severity,
    @Nullable String ecosystemSpecificJson,
    @Nullable String databaseSpecificJson) {
  public Affected {
    ranges = List.copyOf(ranges);
    versions = List.copyOf(versions);
    severity = List.copyOf(severity);
  }
}
