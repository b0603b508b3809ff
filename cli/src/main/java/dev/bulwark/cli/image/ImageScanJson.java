package dev.bulwark.cli.image;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.cli.report.JsonOutput;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.scanner.analyzer.OsRelease;
import dev.bulwark.scanner.analyzer.Package;
import dev.bulwark.scanner.scan.ImagePackage;
import dev.bulwark.scanner.scan.ImageScan;
import dev.bulwark.scanner.scan.ScannedLayer;
import java.io.IOException;
import java.io.Writer;
import org.jspecify.annotations.Nullable;

/** Writes an image scan as JSON, in the layout docs/image-scan.md documents. */
final class ImageScanJson {
  private ImageScanJson() {}

  static void write(ImageScan scan, Writer out) throws IOException {
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
    json.writeArrayFieldStart("vulnerabilities");
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
    for (Note note : scan.notes()) {
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

  private static void nullable(JsonGenerator json, String field, @Nullable String value)
      throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, value);
    }
  }
}
