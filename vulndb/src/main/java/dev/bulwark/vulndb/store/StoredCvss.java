package dev.bulwark.vulndb.store;

import dev.bulwark.vulndb.cvss.CvssSeverity;

/**
 * The CVSS score a record was stored with: the newest CVSS version among its severity entries that
 * could be scored.
 *
 * @param vector the vector
 * @param version the version label, such as {@code 3.1}
 * @param baseScore the base score
 * @param severity the band of the score
 */
public record StoredCvss(String vector, String version, double baseScore, CvssSeverity severity) {}
