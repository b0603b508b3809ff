package dev.bulwark.cli.image;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.detect.report.JsonOutput;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.scan.ScannedLayer;
import dev.bulwark.scanner.vuln.ImageFinding;
import dev.bulwark.vulndb.match.VulnerabilityMatch;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Writes an image scan as JSON, in the layout docs/image-scan.md documents. */
final class ImageScanJson {
  private ImageScanJson() {}

  static void write(ImageScan scan, VulnerabilityReport vulnerabilities, Writer out)
      throws IOException {
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("reference", scan.reference());
    nullable(json, "digest", scan.digest());
    OsRelease os = scan.os();
    if (os == null) {
      json.writeNullField("os");
    } else {
      json.writeObjectFieldStart("os");
      json.writeStringField("id", os.id());
      nullable(json, "version", os.versionId());
      json.writeEndObject();
    }
    json.writeArrayFieldStart("packages");
    for (ImagePackage found : ScanOrder.sorted(scan.packages())) {
      writePackage(json, found);
    }
    json.writeEndArray();
    Path database = vulnerabilities.database();
    if (database == null) {
      json.writeNullField("vulnerabilityDatabase");
    } else {
      json.writeObjectFieldStart("vulnerabilityDatabase");
      json.writeStringField("directory", database.toAbsolutePath().toString());
      json.writeEndObject();
    }
    json.writeArrayFieldStart("vulnerabilities");
    for (ImageFinding finding : vulnerabilities.shown()) {
      writeFinding(json, finding);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("layers");
    for (ScannedLayer layer : scan.layers()) {
      json.writeStartObject();
      json.writeNumberField("index", layer.index());
      json.writeStringField("digest", layer.digest());
      json.writeNumberField("packages", layer.packages());
      json.writeBooleanField("cached", layer.cached());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("notes");
    for (Note note :
        Stream.concat(scan.notes().stream(), vulnerabilities.notes().stream()).toList()) {
      json.writeStartObject();
      json.writeStringField("analyzer", note.analyzer());
      json.writeStringField("path", note.path());
      json.writeStringField("reason", note.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    JsonOutput.close(json);
  }

  private static void writePackage(JsonGenerator json, ImagePackage found) throws IOException {
    Package item = found.found();
    json.writeStartObject();
    json.writeStringField("name", item.name());
    json.writeStringField("version", item.version());
    json.writeStringField("ecosystem", item.ecosystem().osvName());
    json.writeStringField("purl", item.purl().toString());
    json.writeStringField("sourceName", item.sourceName());
    json.writeStringField("sourceVersion", item.sourceVersion());
    json.writeStringField("layer", found.layer());
    json.writeStringField("path", item.path());
    json.writeEndObject();
  }

  private static void writeFinding(JsonGenerator json, ImageFinding finding) throws IOException {
    VulnerabilityMatch match = finding.match();
    json.writeStartObject();
    json.writeStringField("id", match.id());
    json.writeArrayFieldStart("aliases");
    for (String alias : match.aliases()) {
      json.writeString(alias);
    }
    json.writeEndArray();
    json.writeStringField("package", match.packageName());
    json.writeStringField("ecosystem", match.ecosystem());
    json.writeStringField("installedVersion", match.installedVersion());
    nullable(json, "fixedVersion", match.fixedVersion());
    json.writeStringField("severity", match.severity().name());
    Double score = match.cvssScore();
    if (score == null) {
      json.writeNullField("cvssScore");
    } else {
      json.writeNumberField("cvssScore", score);
    }
    nullable(json, "cvssVector", match.cvssVector());
    json.writeStringField("summary", match.summary());
    Instant published = match.published();
    nullable(json, "published", published == null ? null : published.toString());
    json.writeStringField("layer", finding.layer());
    json.writeStringField("path", finding.path());
    json.writeEndObject();
  }

  private static void nullable(JsonGenerator json, String field, @Nullable String value)
      throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, value);
    }
  }
}
