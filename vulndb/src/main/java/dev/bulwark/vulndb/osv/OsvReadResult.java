package dev.bulwark.vulndb.osv;

import java.util.List;

/**
 * A record read tolerantly, with one warning per part that was dropped or repaired.
 *
 * @param record the record, holding every part that was valid
 * @param warnings what was wrong, each naming the field, such as {@code affected[0].ranges[0]: ...}
 */
public record OsvReadResult(OsvRecord record, List<String> warnings) {
  public OsvReadResult {
    warnings = List.copyOf(warnings);
  }
}
