package dev.bulwark.vulndb.osv;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One range of an affected entry. Ranges are data here: evaluating them needs the version ordering
 * of the ecosystem, which the matcher applies.
 *
 * @param type {@code ECOSYSTEM}, {@code SEMVER} or {@code GIT}
 * @param repo the repository of a {@code GIT} range, or null
 * @param events the events in the order the record lists them; the reader keeps only ranges with an
 *     {@code introduced} event
 */
public record Range(String type, @Nullable String repo, List<Event> events) {
  public Range {
    events = List.copyOf(events);
  }
}
