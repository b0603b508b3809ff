package dev.bulwark.vulndb.osv;

/**
 * One OSV severity entry.
 *
 * @param type the scoring system as written, such as {@code CVSS_V3}, {@code CVSS_V4} or {@code
 *     Ubuntu}
 * @param score the vector or value, such as {@code CVSS:3.1/AV:N/AC:L/...}
 */
public record Severity(String type, String score) {}
