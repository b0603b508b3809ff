package dev.bulwark.cli.image;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.detect.report.Sarif;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageFinding;
import dev.bulwark.vulndb.match.MatchSeverity;
import dev.bulwark.vulndb.match.VulnerabilityMatch;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes an image scan's vulnerabilities as SARIF 2.1.0 for code scanning dashboards: one rule per
 * vulnerability record (help text, link, default level, and the {@code security-severity} GitHub
 * ranks alerts by), one result per finding located at the package's file in the image (with the
 * package as logical location) and fingerprinted by record, package and file so that an alert
 * survives a version bump that does not fix it. Scan notes, and a warning when vulnerabilities were
 * not checked, are tool execution notifications. Stateless.
 */
final class ImageScanSarif {
  private ImageScanSarif() {}

  static void write(
      ImageScan scan, VulnerabilityReport vulnerabilities, String toolVersion, Writer out)
      throws IOException {
    ReportedPackages reported = ReportedPackages.of(scan);
    Map<String, VulnerabilityMatch> rules = new LinkedHashMap<>();
    for (ImageFinding finding : vulnerabilities.shown()) {
      rules.putIfAbsent(finding.match().id(), finding.match());
    }
    List<String> ruleIds = List.copyOf(rules.keySet());
    Sarif.write(
        out,
        toolVersion,
        json -> {
          for (VulnerabilityMatch rule : rules.values()) {
            writeRule(json, rule);
          }
        },
        json -> {
          writeInvocation(json, scan, vulnerabilities);
          json.writeArrayFieldStart("results");
          for (ImageFinding finding : vulnerabilities.shown()) {
            Package item = reported.packages().get(reported.positionOf(finding)).found();
            writeResult(json, finding, item, ruleIds.indexOf(finding.match().id()));
          }
          json.writeEndArray();
          writeRunProperties(json, scan);
        });
  }

  private static void writeRule(JsonGenerator json, VulnerabilityMatch match) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", match.id());
    String summary = match.summary().isBlank() ? match.id() : match.summary().strip();
    Sarif.message(json, "shortDescription", summary);
    Sarif.message(
        json,
        "fullDescription",
        match.aliases().isEmpty()
            ? summary
            : summary + " (also known as " + String.join(", ", match.aliases()) + ")");
    json.writeStringField("helpUri", Advisories.url(match.id()));
    json.writeObjectFieldStart("help");
    json.writeStringField(
        "text",
        summary
            + "\nSee "
            + Advisories.url(match.id())
            + ". Upgrade the affected package: each result names the fixed version when one is"
            + " known.");
    json.writeStringField("markdown", helpMarkdown(match, summary));
    json.writeEndObject();
    json.writeObjectFieldStart("defaultConfiguration");
    json.writeStringField("level", level(match.severity()));
    json.writeEndObject();
    json.writeObjectFieldStart("properties");
    json.writeArrayFieldStart("tags");
    json.writeString("security");
    json.writeString("vulnerability");
    json.writeEndArray();
    String securitySeverity = securitySeverity(match);
    if (!securitySeverity.isEmpty()) {
      json.writeStringField("security-severity", securitySeverity);
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static String helpMarkdown(VulnerabilityMatch match, String summary) {
    String aliases =
        match.aliases().stream()
            .map(alias -> "[" + alias + "](" + Advisories.aliasUrl(alias) + ")")
            .collect(Collectors.joining(", "));
    return "**"
        + summary
        + "**\n\n"
        + "Record: ["
        + match.id()
        + "]("
        + Advisories.url(match.id())
        + ")"
        + (aliases.isEmpty() ? "" : ", also known as " + aliases)
        + ".\n\n**How to fix:** upgrade the affected package; each result names the fixed"
        + " version when one is known.";
  }

  private static void writeInvocation(
      JsonGenerator json, ImageScan scan, VulnerabilityReport vulnerabilities) throws IOException {
    json.writeArrayFieldStart("invocations");
    json.writeStartObject();
    json.writeBooleanField("executionSuccessful", true);
    json.writeArrayFieldStart("toolExecutionNotifications");
    if (vulnerabilities.database() == null) {
      // Without this, a log without results could pass for a clean image.
      Sarif.notification(
          json,
          "warning",
          "vulnerabilities were NOT checked: there was no vulnerability database",
          "",
          0,
          0);
    }
    for (Note note :
        Stream.concat(scan.notes().stream(), vulnerabilities.notes().stream()).toList()) {
      Sarif.notification(json, "note", note.toString(), "", 0, 0);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
  }

  private static void writeResult(
      JsonGenerator json, ImageFinding finding, Package item, int ruleIndex) throws IOException {
    VulnerabilityMatch match = finding.match();
    json.writeStartObject();
    json.writeStringField("ruleId", match.id());
    json.writeNumberField("ruleIndex", ruleIndex);
    json.writeStringField("level", level(match.severity()));
    Sarif.message(
        json,
        "message",
        match.packageName()
            + " "
            + match.installedVersion()
            + " is affected by "
            + match.id()
            + " ("
            + match.severity()
            + (match.cvssScore() == null ? "" : ", CVSS " + match.cvssScore())
            + "): "
            + Advisories.remedy(match));
    json.writeArrayFieldStart("locations");
    json.writeStartObject();
    Sarif.physicalLocation(json, finding.path(), 0, 0);
    json.writeArrayFieldStart("logicalLocations");
    json.writeStartObject();
    json.writeStringField("name", item.name());
    json.writeStringField("fullyQualifiedName", item.purl().toString());
    json.writeStringField("kind", "package");
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
    json.writeObjectFieldStart("partialFingerprints");
    json.writeStringField(
        Sarif.FINGERPRINT_KEY,
        Sarif.fingerprint(List.of(match.id(), match.packageName(), finding.path())));
    json.writeEndObject();
    json.writeObjectFieldStart("properties");
    json.writeStringField("package", match.packageName());
    json.writeStringField("ecosystem", item.ecosystem().osvName());
    json.writeStringField("installedVersion", match.installedVersion());
    if (match.fixedVersion() != null) {
      json.writeStringField("fixedVersion", match.fixedVersion());
    }
    json.writeStringField("severity", match.severity().name());
    json.writeStringField("layer", finding.layer());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeRunProperties(JsonGenerator json, ImageScan scan) throws IOException {
    json.writeObjectFieldStart("properties");
    json.writeStringField("image", scan.reference());
    if (scan.digest() != null) {
      json.writeStringField("digest", scan.digest());
    }
    OsRelease os = scan.os();
    if (os != null) {
      json.writeStringField(
          "operatingSystem", os.versionId() == null ? os.id() : os.id() + " " + os.versionId());
    }
    json.writeEndObject();
  }

  private static String level(MatchSeverity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, NONE, UNKNOWN -> "note";
    };
  }

  /**
   * The CVSS score, else a score inside the severity's band (GitHub maps at least 9.0 to critical,
   * 7.0 high, 4.0 medium, 0.1 low); empty when nothing rates the record.
   */
  private static String securitySeverity(VulnerabilityMatch match) {
    Double score = match.cvssScore();
    if (score != null) {
      return String.format(Locale.ROOT, "%.1f", score);
    }
    return switch (match.severity()) {
      case CRITICAL -> "9.0";
      case HIGH -> "7.0";
      case MEDIUM -> "4.0";
      case LOW -> "0.1";
      case NONE -> "0.0";
      case UNKNOWN -> "";
    };
  }
}
