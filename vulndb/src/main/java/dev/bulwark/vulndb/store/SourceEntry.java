package dev.bulwark.vulndb.store;

import java.time.Instant;

/**
 * One import into the store.
 *
 * @param location the path or URL imported
 * @param importedAt when its last import finished
 * @param records how many records that import read
 */
public record SourceEntry(String location, Instant importedAt, int records) {}
