package dev.bulwark.detect.build;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.detect.report.JsonOutput;
import dev.bulwark.detect.report.WaiverInfo;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.scanner.analyzer.Note;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Writes an image check as JSON, format version {@value #FORMAT_VERSION}: the image, whether its
 * vulnerabilities were checked, every build policy with its status and violations, the counts and
 * whether the build fails. Keys always appear in the documented order (docs/image-check.md); every
 * key is present, null when it has no value, except {@code waiver}, which only waived violations
 * have.
 */
public final class ImageCheckJson {
  /** Changes only when an existing field changes meaning or disappears. */
  public static final String FORMAT_VERSION = "1";

  private ImageCheckJson() {}

  public static void write(ImageCheckReport report, Writer out) throws IOException {
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("version", FORMAT_VERSION);
    json.writeObjectFieldStart("tool");
    json.writeStringField("name", "bulwark");
    json.writeStringField("version", report.toolVersion());
    json.writeEndObject();
    writeImage(json, report);
    writeVulnerabilities(json, report.database());
    json.writeArrayFieldStart("policies");
    for (PolicyResult policy : report.policies()) {
      writePolicy(json, policy);
    }
    json.writeEndArray();
    json.writeObjectFieldStart("summary");
    json.writeNumberField("policies", report.policies().size());
    json.writeNumberField("violated", report.count(PolicyResult.Status.VIOLATED));
    json.writeNumberField("failing", report.failing());
    json.writeNumberField("notEvaluated", report.count(PolicyResult.Status.NOT_EVALUATED));
    json.writeNumberField("passed", report.count(PolicyResult.Status.PASSED));
    json.writeEndObject();
    json.writeBooleanField("buildFails", report.buildFails());
    json.writeArrayFieldStart("notes");
    for (Note note : report.notes()) {
      json.writeStartObject();
      json.writeStringField("source", note.analyzer());
      json.writeStringField("path", note.path());
      json.writeStringField("message", note.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    JsonOutput.close(json);
  }

  private static void writeImage(JsonGenerator json, ImageCheckReport report) throws IOException {
    CheckedImage image = report.image();
    ImageRef name = image.name();
    json.writeObjectFieldStart("image");
    json.writeStringField("reference", image.reference());
    nullable(json, "digest", image.digest());
    nullable(json, "os", report.os());
    json.writeObjectFieldStart("name");
    json.writeStringField("fullName", name.fullName());
    json.writeStringField("registry", name.registry());
    json.writeStringField("remote", name.remote());
    nullable(json, "tag", name.tag());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeVulnerabilities(JsonGenerator json, @Nullable Path database)
      throws IOException {
    json.writeObjectFieldStart("vulnerabilities");
    json.writeBooleanField("checked", database != null);
    nullable(json, "database", database == null ? null : database.toAbsolutePath().toString());
    json.writeEndObject();
  }

  private static void writePolicy(JsonGenerator json, PolicyResult result) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", result.policy().id());
    json.writeStringField("name", result.policy().name());
    json.writeStringField("severity", result.policy().severity().name());
    json.writeArrayFieldStart("enforcementActions");
    for (EnforcementAction action : result.policy().enforcementActions()) {
      json.writeString(action.name());
    }
    json.writeEndArray();
    json.writeBooleanField("enforced", result.enforced());
    json.writeStringField("status", result.status().name());
    json.writeBooleanField("failsBuild", result.failsBuild());
    nullable(json, "reason", result.reason().isEmpty() ? null : result.reason());
    json.writeArrayFieldStart("violations");
    for (ImageViolation violation : result.violations()) {
      json.writeStartObject();
      json.writeStringField("message", violation.message());
      json.writeBooleanField("waived", violation.waived());
      WaiverInfo waiver = violation.waiver();
      if (waiver != null) {
        writeWaiver(json, waiver);
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeWaiver(JsonGenerator json, WaiverInfo waiver) throws IOException {
    json.writeObjectFieldStart("waiver");
    json.writeStringField("kind", waiver.kind());
    json.writeStringField("name", waiver.name());
    json.writeStringField("reason", waiver.reason());
    nullable(json, "owner", waiver.owner());
    nullable(json, "ticket", waiver.ticket());
    nullable(json, "expires", waiver.expires());
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
