package dev.bulwark.vulndb.store;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the store holds.
 *
 * @param sources the imports, newest first
 * @param records the number of records
 * @param withdrawn how many of them are withdrawn
 * @param recordsPerEcosystem for each ecosystem (with release), sorted by name, the records with an
 *     entry in it
 * @param newestModified the newest {@code modified} time of any record, or null when empty
 */
public record StoreStatus(
    List<SourceEntry> sources,
    int records,
    int withdrawn,
    Map<String, Integer> recordsPerEcosystem,
    @Nullable Instant newestModified) {
  public StoreStatus {
    sources = List.copyOf(sources);
    recordsPerEcosystem = Collections.unmodifiableSortedMap(new TreeMap<>(recordsPerEcosystem));
  }
}
