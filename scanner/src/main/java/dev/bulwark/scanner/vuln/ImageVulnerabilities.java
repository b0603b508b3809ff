package dev.bulwark.scanner.vuln;

import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageFields;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.vulndb.match.MatchSeverity;
import dev.bulwark.vulndb.match.PackageMatches;
import dev.bulwark.vulndb.match.PackageQuery;
import dev.bulwark.vulndb.match.VulnerabilityMatch;
import dev.bulwark.vulndb.match.VulnerabilityMatcher;
import dev.bulwark.vulndb.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vulnerabilities of a scanned image's packages.
 *
 * @param findings one per (package, record), ordered by severity, highest first, then id, package
 *     and path
 * @param notes what could not be evaluated (the matcher's notes, and distribution packages whose
 *     release has no vulnerability data key), with the package's file as path
 */
public record ImageVulnerabilities(List<ImageFinding> findings, List<Note> notes) {
  /** The analyzer name the notes carry. */
  public static final String NOTE_SOURCE = "vulnerabilities";

  private static final String NO_HISTORY = "Bulwark keeps no history of earlier scans";

  /**
   * What policies cannot know from OSV records and one scan, by field: the records carry no NVD
   * scores and no date a fix became available, and no earlier scan is kept to say when a
   * vulnerability was first seen.
   */
  private static final Map<String, String> NOT_IN_RECORDS =
      Map.of(
          ImageFields.NVD_CVSS,
          "OSV records carry no NVD scores",
          ImageFields.DAYS_SINCE_CVE_FIX_WAS_AVAILABLE,
          "OSV records do not say when a fix became available",
          ImageFields.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE,
          NO_HISTORY,
          ImageFields.DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM,
          NO_HISTORY);

  // A CVE id alone or at the end of a database's id, as in DEBIAN-CVE-2024-1234.
  private static final Pattern CVE_ID =
      Pattern.compile("(?:.+-)?(CVE-[0-9]{4}-[0-9]{4,})", Pattern.CASE_INSENSITIVE);

  /** Highest severity first, then id, package name and path: the order findings are reported. */
  public static final Comparator<ImageFinding> REPORT_ORDER =
      Comparator.comparing((ImageFinding finding) -> finding.match().severity())
          .reversed()
          .thenComparing(finding -> finding.match().id())
          .thenComparing(finding -> finding.match().packageName())
          .thenComparing(ImageFinding::path);

  public ImageVulnerabilities {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }

  /**
   * Matches every package of a scan. A record found through several queries of one package (such as
   * {@code Ubuntu:22.04} and {@code Ubuntu:22.04:LTS}) is reported once.
   *
   * @throws StoreException when the store cannot be read
   */
  public static ImageVulnerabilities match(ImageScan scan, VulnerabilityMatcher matcher)
      throws StoreException {
    Objects.requireNonNull(scan, "scan");
    Objects.requireNonNull(matcher, "matcher");
    List<ImageFinding> findings = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (ImagePackage found : scan.packages()) {
      List<PackageQuery> queries = PackageQueries.of(found.found(), scan.os());
      if (queries.isEmpty()) {
        notes.add(
            new Note(
                NOTE_SOURCE,
                found.found().path(),
                "no vulnerability data is looked up for "
                    + found.found().name()
                    + ": the "
                    + found.found().ecosystem().osvName()
                    + " release of the image is unknown or not keyed by release"));
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (PackageQuery query : queries) {
        PackageMatches matches = matcher.match(query);
        for (VulnerabilityMatch match : matches.matches()) {
          if (seen.add(match.id())) {
            findings.add(new ImageFinding(match, found.layer(), found.found().path()));
          }
        }
        matches
            .notes()
            .forEach(note -> notes.add(new Note(NOTE_SOURCE, found.found().path(), note)));
      }
    }
    findings.sort(REPORT_ORDER);
    return new ImageVulnerabilities(findings, notes);
  }

  /**
   * The scan as core's image data ({@link ImageScan#toImageData()}) with these vulnerabilities as
   * {@link #policyVulnerabilities()} gives them. The vulnerability fields OSV records and a single
   * scan have no data for (NVD CVSS, the days since a fix was available and since the vulnerability
   * was first discovered) are declared unknown, as is signature verification.
   */
  public ImageData imageData(ImageScan scan) {
    ImageData data = scan.toImageData();
    Map<String, String> unknown = new HashMap<>(data.unknownFields());
    unknown.keySet().removeAll(ImageFields.VULNERABILITY);
    unknown.putAll(NOT_IN_RECORDS);
    return new ImageData(
        data.scanned(),
        data.os(),
        data.user(),
        data.labels(),
        data.components(),
        policyVulnerabilities(),
        data.dockerfile(),
        data.created(),
        data.scanTime(),
        data.verifiedBy(),
        unknown);
  }

  /**
   * The findings as policies see them: one vulnerability per CVE a record names, since StackRox's
   * CVE criterion (and every policy written for it) names CVE ids while OSV records are often filed
   * under their database's own id ({@code PYSEC-2024-36} is {@code CVE-2024-0690}). A record's CVEs
   * are the CVE its id embeds ({@code CVE-2024-1}, {@code DEBIAN-CVE-2024-1}) and those among its
   * aliases; a record naming none keeps its own id ({@code GHSA-...}, {@code GO-...}). The same CVE
   * of the same package found through several records (PyPA's and GitHub's) is kept once, from the
   * first finding in report order, which rates it highest. NVD scores are not in OSV records, so
   * {@code nvdCvss} is 0; first-discovery and fix-available times are not tracked ({@link
   * #imageData} declares those fields unknown).
   */
  public List<ImageVulnerability> policyVulnerabilities() {
    Map<PackageCve, ImageVulnerability> kept = new LinkedHashMap<>();
    for (ImageFinding finding : findings) {
      VulnerabilityMatch match = finding.match();
      ImageComponent component = new ImageComponent(match.packageName(), match.installedVersion());
      for (String cve : cveIds(match)) {
        kept.putIfAbsent(new PackageCve(cve, component), imageVulnerability(cve, component, match));
      }
    }
    return List.copyOf(kept.values());
  }

  /** The CVE ids a record names, in the order found; its own id when it names none. */
  static List<String> cveIds(VulnerabilityMatch match) {
    Set<String> ids = new LinkedHashSet<>();
    addCve(match.id(), ids);
    for (String alias : match.aliases()) {
      addCve(alias, ids);
    }
    return ids.isEmpty() ? List.of(match.id()) : List.copyOf(ids);
  }

  private static void addCve(String identifier, Set<String> ids) {
    Matcher cve = CVE_ID.matcher(identifier.strip());
    if (cve.matches()) {
      ids.add(cve.group(1).toUpperCase(Locale.ROOT));
    }
  }

  private record PackageCve(String cve, ImageComponent component) {}

  private static ImageVulnerability imageVulnerability(
      String cve, ImageComponent component, VulnerabilityMatch match) {
    Double score = match.cvssScore();
    String fixed = match.fixedVersion();
    return new ImageVulnerability(
        cve,
        component,
        score == null ? 0 : score,
        0,
        severity(match.severity()),
        fixed == null ? "" : fixed,
        match.published(),
        null,
        null,
        null);
  }

  /**
   * The StackRox scale's severity of a match: critical, high as important, medium as moderate; low
   * and CVSS "none" as low; unknown stays unknown.
   */
  public static VulnerabilitySeverity severity(MatchSeverity severity) {
    return switch (severity) {
      case CRITICAL -> VulnerabilitySeverity.CRITICAL;
      case HIGH -> VulnerabilitySeverity.IMPORTANT;
      case MEDIUM -> VulnerabilitySeverity.MODERATE;
      case LOW, NONE -> VulnerabilitySeverity.LOW;
      case UNKNOWN -> VulnerabilitySeverity.UNKNOWN;
    };
  }
}
