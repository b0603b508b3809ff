package dev.bulwark.vulndb.cvss;

/**
 * The base score of a CVSS vector.
 *
 * @param version the CVSS version of the vector
 * @param vector the vector as given
 * @param baseScore the base score, 0.0 to 10.0 with one decimal
 * @param severity the band of the base score
 */
public record CvssScore(
    CvssVersion version, String vector, double baseScore, CvssSeverity severity) {}
