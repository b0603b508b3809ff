package dev.bulwark.cli.pss;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.detect.report.JsonOutput;
import dev.bulwark.detect.report.ObjectRef;
import dev.bulwark.policy.pss.FailedCheck;
import dev.bulwark.policy.pss.LevelVersion;
import dev.bulwark.policy.pss.PodSecurityCheck;
import dev.bulwark.policy.pss.PodSecurityChecks;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form of a {@code bulwark pss} run, laid out like the check report (two-space indent,
 * {@code \n}, keys in a fixed order, every key present). Documented in docs/pss.md.
 */
final class PssJsonWriter {
  private static final String FORMAT_VERSION = "1";

  private PssJsonWriter() {}

  static void write(PssReport report, Writer out) throws IOException {
    JsonGenerator json = JsonOutput.open(out);
    json.writeStartObject();
    json.writeStringField("version", FORMAT_VERSION);
    json.writeObjectFieldStart("tool");
    json.writeStringField("name", "bulwark");
    json.writeStringField("version", report.toolVersion());
    json.writeEndObject();
    LevelVersion policy = report.policy();
    json.writeObjectFieldStart("policy");
    json.writeStringField("level", policy.level().label());
    json.writeStringField("version", policy.version().toString());
    json.writeStringField("evaluatedVersion", policy.version().effective().toString());
    json.writeEndObject();
    json.writeArrayFieldStart("results");
    for (PodVerdict verdict : report.results()) {
      writeVerdict(json, verdict);
    }
    json.writeEndArray();
    json.writeObjectFieldStart("summary");
    json.writeNumberField("pods", report.results().size());
    json.writeNumberField("allowed", report.allowed());
    json.writeNumberField("denied", report.denied());
    json.writeNumberField("errors", report.errors().size());
    json.writeEndObject();
    JsonOutput.errors(json, report.errors());
    JsonOutput.notes(json, report.notes());
    json.writeEndObject();
    JsonOutput.close(json);
  }

  private static void writeVerdict(JsonGenerator json, PodVerdict verdict) throws IOException {
    json.writeStartObject();
    ObjectRef object = verdict.object();
    json.writeObjectFieldStart("object");
    json.writeStringField("apiVersion", object.apiVersion());
    json.writeStringField("kind", object.kind());
    if (object.namespace() == null) {
      json.writeNullField("namespace");
    } else {
      json.writeStringField("namespace", object.namespace());
    }
    json.writeStringField("name", object.name());
    json.writeStringField("file", object.file());
    json.writeNumberField("line", object.line());
    json.writeEndObject();
    LevelVersion policy = verdict.result().policy();
    json.writeStringField("level", policy.level().label());
    json.writeStringField("version", policy.version().toString());
    json.writeBooleanField("allowed", verdict.result().allowed());
    json.writeArrayFieldStart("failedChecks");
    for (FailedCheck failed : verdict.result().failedChecks()) {
      Location location = failed.location();
      json.writeStartObject();
      json.writeStringField("id", failed.id());
      Set<String> replaces =
          PodSecurityChecks.byId(failed.id()).map(PodSecurityCheck::overrides).orElse(Set.of());
      if (!replaces.isEmpty()) {
        json.writeArrayFieldStart("replaces");
        for (String baseline : new TreeSet<>(replaces)) {
          json.writeString(baseline);
        }
        json.writeEndArray();
      }
      json.writeStringField("message", failed.message());
      json.writeStringField("file", location.file());
      json.writeNumberField("line", location.line());
      json.writeNumberField("column", location.column());
      json.writeStringField("path", failed.path().toString());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
