package dev.bulwark.detect.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes the bulwark JSON report, format version {@value #FORMAT_VERSION}. The layout is a public
 * contract documented in docs/report-format.md: keys always appear in the documented order, and
 * every key is present (null when it has no value) except {@code waiver}, which appears only on
 * waived findings.
 */
final class JsonReportWriter implements ReportWriter {
  /** Changes only when an existing field changes meaning or disappears. */
  static final String FORMAT_VERSION = "1";

  @Override
  public void write(Report report, Writer out) throws IOException {
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("version", FORMAT_VERSION);
    json.writeObjectFieldStart("tool");
    json.writeStringField("name", "bulwark");
    json.writeStringField("version", report.toolVersion());
    json.writeEndObject();
    json.writeArrayFieldStart("results");
    for (ObjectResult result : report.results()) {
      writeResult(json, result);
    }
    json.writeEndArray();
    writeSummary(json, report.summary());
    JsonOutput.errors(json, report.errors());
    JsonOutput.notes(json, report.notes());
    writeExpiredExceptions(json, report);
    json.writeEndObject();
    JsonOutput.close(json);
  }

  private static void writeResult(JsonGenerator json, ObjectResult result) throws IOException {
    json.writeStartObject();
    ObjectRef object = result.object();
    json.writeObjectFieldStart("object");
    json.writeStringField("apiVersion", object.apiVersion());
    json.writeStringField("kind", object.kind());
    JsonOutput.nullableString(json, "namespace", object.namespace());
    json.writeStringField("name", object.name());
    json.writeStringField("file", object.file());
    json.writeNumberField("line", object.line());
    json.writeEndObject();
    json.writeArrayFieldStart("violations");
    for (Finding finding : result.violations()) {
      writeFinding(json, finding);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("notEvaluated");
    for (NotEvaluated notEvaluated : result.notEvaluated()) {
      json.writeStartObject();
      json.writeStringField("policy", notEvaluated.policy());
      json.writeStringField("policyId", notEvaluated.policyId());
      json.writeStringField("reason", notEvaluated.reason());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeFinding(JsonGenerator json, Finding finding) throws IOException {
    json.writeStartObject();
    json.writeStringField("policy", finding.policy());
    json.writeStringField("policyId", finding.policyId());
    json.writeStringField("severity", finding.severity().name());
    json.writeStringField("message", finding.message());
    json.writeStringField("file", finding.file());
    json.writeNumberField("line", finding.line());
    json.writeNumberField("column", finding.column());
    json.writeStringField("path", finding.path());
    json.writeBooleanField("blocking", finding.blocking());
    json.writeBooleanField("waived", finding.waived());
    WaiverInfo waiver = finding.waiver();
    if (waiver != null) {
      json.writeObjectFieldStart("waiver");
      json.writeStringField("kind", waiver.kind());
      json.writeStringField("name", waiver.name());
      json.writeStringField("reason", waiver.reason());
      JsonOutput.nullableString(json, "owner", waiver.owner());
      JsonOutput.nullableString(json, "ticket", waiver.ticket());
      JsonOutput.nullableString(json, "expires", waiver.expires());
      json.writeEndObject();
    }
    JsonOutput.stringArray(json, "controls", finding.controls());
    json.writeEndObject();
  }

  private static void writeSummary(JsonGenerator json, Summary summary) throws IOException {
    json.writeObjectFieldStart("summary");
    json.writeNumberField("objects", summary.objects());
    json.writeNumberField("violations", summary.violations());
    json.writeNumberField("blocking", summary.blocking());
    json.writeNumberField("waived", summary.waived());
    json.writeNumberField("notEvaluated", summary.notEvaluated());
    json.writeNumberField("errors", summary.errors());
    json.writeEndObject();
  }

  private static void writeExpiredExceptions(JsonGenerator json, Report report) throws IOException {
    json.writeArrayFieldStart("expiredExceptions");
    for (ExpiredException expired : report.expiredExceptions()) {
      json.writeStartObject();
      json.writeStringField("name", expired.name());
      json.writeStringField("file", expired.file());
      json.writeStringField("expires", expired.expires());
      json.writeStringField("owner", expired.owner());
      json.writeEndObject();
    }
    json.writeEndArray();
  }
}
