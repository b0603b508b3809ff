package dev.bulwark.cli.image;

import dev.bulwark.vulndb.match.VulnerabilityMatch;

/**
 * How the image report formats name where to read about a vulnerability and what fixes it, so that
 * CycloneDX, SPDX and SARIF say the same. The database holds OSV records, so a record's page is its
 * osv.dev page; CVE aliases link to the NVD.
 */
final class Advisories {
  /** The name of the database the records come from, as CycloneDX sources name it. */
  static final String SOURCE_NAME = "OSV";

  private Advisories() {}

  /** The page of an OSV record id. */
  static String url(String id) {
    return "https://osv.dev/vulnerability/" + id;
  }

  /** Who publishes an alias: {@code NVD} for CVE ids, else OSV. */
  static String aliasSource(String alias) {
    return alias.startsWith("CVE-") ? "NVD" : SOURCE_NAME;
  }

  /** The page of an alias. */
  static String aliasUrl(String alias) {
    return alias.startsWith("CVE-") ? "https://nvd.nist.gov/vuln/detail/" + alias : url(alias);
  }

  /** What to do about a match, in words: upgrade to the fixed version, or that none is known. */
  static String remedy(VulnerabilityMatch match) {
    String fixed = match.fixedVersion();
    return fixed == null
        ? "no fixed version of " + match.packageName() + " is known"
        : "upgrade " + match.packageName() + " to " + fixed + " or later";
  }
}
