package dev.bulwark.cli.image;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.detect.report.JsonOutput;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.sbom.SbomConventions;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.vuln.ImageFinding;
import dev.bulwark.vulndb.match.VulnerabilityMatch;
import java.io.IOException;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes an image scan as an SPDX 2.3 JSON document: the image as a {@code CONTAINER} package the
 * document describes, the operating system as an {@code OPERATING_SYSTEM} package, and one {@code
 * LIBRARY} package per package with its Package URL as external reference and, when it names
 * another source package, {@code sourceInfo} in the form {@code SbomReader} reads back; the image
 * {@code CONTAINS} each of them. The layer and path go into the package comment. Nothing is
 * asserted about licenses or download locations ({@code NOASSERTION}).
 *
 * <p>SPDX 2.3 has no vulnerability model: with a vulnerability report, each affected package gets a
 * {@code SECURITY}/{@code advisory} external reference per record and an annotation per finding
 * (severity, score, aliases, summary, remedy), and the document comment says whether
 * vulnerabilities were checked. Stateless.
 */
public final class SpdxWriter {
  private static final String NO_ASSERTION = "NOASSERTION";
  private static final String DOCUMENT_ID = "SPDXRef-DOCUMENT";
  private static final String IMAGE_ID = "SPDXRef-Image";
  private static final String OS_ID = "SPDXRef-OperatingSystem";

  private SpdxWriter() {}

  /** Writes the scan's bill of materials alone ({@code bulwark sbom}). */
  public static void write(ImageScan scan, String toolVersion, Writer out) throws IOException {
    write(scan, null, toolVersion, out);
  }

  /**
   * Writes the scan's bill of materials with the vulnerability report ({@code image scan -o spdx});
   * without a report, vulnerabilities are not mentioned.
   */
  static void write(
      ImageScan scan, @Nullable VulnerabilityReport vulnerabilities, String toolVersion, Writer out)
      throws IOException {
    ReportedPackages reported = ReportedPackages.of(scan);
    List<ImagePackage> packages = reported.packages();
    Map<Integer, List<ImageFinding>> findings = new TreeMap<>();
    if (vulnerabilities != null) {
      for (ImageFinding finding : vulnerabilities.shown()) {
        findings
            .computeIfAbsent(reported.positionOf(finding), position -> new ArrayList<>())
            .add(finding);
      }
    }
    String created = scan.scanTime().truncatedTo(ChronoUnit.SECONDS).toString();
    String tool = "Tool: bulwark-" + toolVersion;
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("spdxVersion", "SPDX-2.3");
    json.writeStringField("dataLicense", "CC0-1.0");
    json.writeStringField("SPDXID", DOCUMENT_ID);
    json.writeStringField("name", scan.reference());
    json.writeStringField(
        "documentNamespace", "https://bulwark.dev/spdx/image/" + UUID.randomUUID());
    if (vulnerabilities != null) {
      json.writeStringField("comment", vulnerabilityComment(vulnerabilities));
    }
    json.writeObjectFieldStart("creationInfo");
    json.writeStringField("created", created);
    json.writeArrayFieldStart("creators");
    json.writeString(tool);
    json.writeEndArray();
    json.writeEndObject();
    json.writeArrayFieldStart("documentDescribes");
    json.writeString(IMAGE_ID);
    json.writeEndArray();
    json.writeArrayFieldStart("packages");
    startPackage(json, IMAGE_ID, scan.reference(), scan.digest(), "CONTAINER");
    json.writeEndObject();
    OsRelease os = scan.os();
    if (os != null) {
      startPackage(json, OS_ID, os.id(), os.versionId(), "OPERATING_SYSTEM");
      if (os.prettyName() != null) {
        json.writeStringField("description", os.prettyName());
      }
      json.writeEndObject();
    }
    Annotator annotator = new Annotator(tool, created);
    for (int index = 0; index < packages.size(); index++) {
      writeLibrary(
          json,
          packageId(index),
          packages.get(index),
          findings.getOrDefault(index, List.of()),
          annotator);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("relationships");
    relationship(json, DOCUMENT_ID, "DESCRIBES", IMAGE_ID);
    if (os != null) {
      relationship(json, IMAGE_ID, "CONTAINS", OS_ID);
    }
    for (int index = 0; index < packages.size(); index++) {
      relationship(json, IMAGE_ID, "CONTAINS", packageId(index));
    }
    json.writeEndArray();
    json.writeEndObject();
    JsonOutput.close(json);
  }

  private static String vulnerabilityComment(VulnerabilityReport vulnerabilities) {
    return vulnerabilities.database() == null
        ? "Vulnerabilities were NOT checked: there was no vulnerability database."
        : "Vulnerabilities were checked: "
            + vulnerabilities.shown().size()
            + " finding(s), each an annotation on the affected package, with a SECURITY"
            + " advisory reference per record.";
  }

  private static String packageId(int index) {
    return "SPDXRef-Package-" + (index + 1);
  }

  /** Who annotates and when: the tool and the scan time. */
  private record Annotator(String tool, String date) {}

  /** Writes the members every package has; the caller adds its own and ends the object. */
  private static void startPackage(
      JsonGenerator json, String id, String name, @Nullable String version, String purpose)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("SPDXID", id);
    json.writeStringField("name", name);
    if (version != null) {
      json.writeStringField("versionInfo", version);
    }
    json.writeStringField("downloadLocation", NO_ASSERTION);
    json.writeBooleanField("filesAnalyzed", false);
    json.writeStringField("primaryPackagePurpose", purpose);
  }

  private static void writeLibrary(
      JsonGenerator json,
      String id,
      ImagePackage found,
      List<ImageFinding> findings,
      Annotator annotator)
      throws IOException {
    Package item = found.found();
    startPackage(json, id, item.name(), item.version(), "LIBRARY");
    if (!item.sourceName().equals(item.name()) || !item.sourceVersion().equals(item.version())) {
      json.writeStringField(
          "sourceInfo", SbomConventions.spdxSourceInfo(item.sourceName(), item.sourceVersion()));
    }
    json.writeArrayFieldStart("externalRefs");
    externalReference(json, "PACKAGE-MANAGER", "purl", item.purl().toString());
    Set<String> records = new LinkedHashSet<>();
    findings.forEach(finding -> records.add(finding.match().id()));
    for (String record : records) {
      externalReference(json, "SECURITY", "advisory", Advisories.url(record));
    }
    json.writeEndArray();
    json.writeStringField("comment", "layer " + found.layer() + ", path " + item.path());
    if (!findings.isEmpty()) {
      json.writeArrayFieldStart("annotations");
      for (ImageFinding finding : findings) {
        json.writeStartObject();
        json.writeStringField("annotationDate", annotator.date());
        json.writeStringField("annotationType", "OTHER");
        json.writeStringField("annotator", annotator.tool());
        json.writeStringField("comment", annotation(finding.match()));
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /** {@code ID (SEVERITY, CVSS 5.5 VECTOR; aliases A, B): summary. Remedy: ...} */
  private static String annotation(VulnerabilityMatch match) {
    StringBuilder text = new StringBuilder(match.id()).append(" (").append(match.severity());
    Double score = match.cvssScore();
    if (score != null) {
      text.append(", CVSS ").append(score);
      if (match.cvssVector() != null) {
        text.append(' ').append(match.cvssVector());
      }
    }
    if (!match.aliases().isEmpty()) {
      text.append("; aliases ").append(String.join(", ", match.aliases()));
    }
    text.append(')');
    if (!match.summary().isBlank()) {
      text.append(": ").append(match.summary().strip());
    }
    return text.append(". Remedy: ").append(Advisories.remedy(match)).toString();
  }

  private static void externalReference(
      JsonGenerator json, String category, String type, String locator) throws IOException {
    json.writeStartObject();
    json.writeStringField("referenceCategory", category);
    json.writeStringField("referenceType", type);
    json.writeStringField("referenceLocator", locator);
    json.writeEndObject();
  }

  private static void relationship(JsonGenerator json, String from, String type, String to)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("spdxElementId", from);
    json.writeStringField("relationshipType", type);
    json.writeStringField("relatedSpdxElement", to);
    json.writeEndObject();
  }
}
