package dev.bulwark.cli.sbom;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.cli.image.ScanOrder;
import dev.bulwark.cli.report.JsonOutput;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import java.io.IOException;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Writes an image scan as an SPDX 2.3 JSON document: the image as a {@code CONTAINER} package the
 * document describes, the operating system as an {@code OPERATING_SYSTEM} package, and one {@code
 * LIBRARY} package per package with its Package URL as external reference; the image {@code
 * CONTAINS} each of them. The layer and path go into the package comment. Nothing is asserted about
 * licenses or download locations ({@code NOASSERTION}).
 */
final class SpdxWriter {
  private static final String NO_ASSERTION = "NOASSERTION";
  private static final String IMAGE_ID = "SPDXRef-Image";
  private static final String OS_ID = "SPDXRef-OperatingSystem";

  private SpdxWriter() {}

  static void write(ImageScan scan, String toolVersion, Writer out) throws IOException {
    List<ImagePackage> packages = ScanOrder.sorted(scan.packages());
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("spdxVersion", "SPDX-2.3");
    json.writeStringField("dataLicense", "CC0-1.0");
    json.writeStringField("SPDXID", "SPDXRef-DOCUMENT");
    json.writeStringField("name", scan.reference());
    json.writeStringField(
        "documentNamespace", "https://bulwark.dev/spdx/image/" + UUID.randomUUID());
    json.writeObjectFieldStart("creationInfo");
    json.writeStringField("created", scan.scanTime().truncatedTo(ChronoUnit.SECONDS).toString());
    json.writeArrayFieldStart("creators");
    json.writeString("Tool: bulwark-" + toolVersion);
    json.writeEndArray();
    json.writeEndObject();
    json.writeArrayFieldStart("documentDescribes");
    json.writeString(IMAGE_ID);
    json.writeEndArray();
    json.writeArrayFieldStart("packages");
    writePackage(json, IMAGE_ID, scan.reference(), scan.digest(), "CONTAINER", null, null);
    OsRelease os = scan.os();
    if (os != null) {
      writePackage(json, OS_ID, os.id(), os.versionId(), "OPERATING_SYSTEM", null, null);
    }
    for (int index = 0; index < packages.size(); index++) {
      ImagePackage found = packages.get(index);
      Package item = found.found();
      writePackage(
          json,
          packageId(index),
          item.name(),
          item.version(),
          "LIBRARY",
          item.purl().toString(),
          "layer " + found.layer() + ", path " + item.path());
    }
    json.writeEndArray();
    json.writeArrayFieldStart("relationships");
    relationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", IMAGE_ID);
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

  private static String packageId(int index) {
    return "SPDXRef-Package-" + (index + 1);
  }

  private static void writePackage(
      JsonGenerator json,
      String id,
      String name,
      @Nullable String version,
      String purpose,
      @Nullable String purl,
      @Nullable String comment)
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
    if (purl != null) {
      json.writeArrayFieldStart("externalRefs");
      json.writeStartObject();
      json.writeStringField("referenceCategory", "PACKAGE-MANAGER");
      json.writeStringField("referenceType", "purl");
      json.writeStringField("referenceLocator", purl);
      json.writeEndObject();
      json.writeEndArray();
    }
    if (comment != null) {
      json.writeStringField("comment", comment);
    }
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
