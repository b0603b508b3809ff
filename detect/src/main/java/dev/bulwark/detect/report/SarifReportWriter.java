package dev.bulwark.detect.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.bulwark.policy.model.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes SARIF 2.1.0 with one run: every policy of the report as a rule, every finding as a result
 * located at the exact line and column of the offending field, and input errors as tool execution
 * notifications. Waived findings stay in the log as suppressed results, so dashboards can show the
 * waiver.
 */
final class SarifReportWriter implements ReportWriter {
  private static final Pattern WORD_SEPARATOR = Pattern.compile("[^\\p{L}\\p{N}]+");

  @Override
  public void write(Report report, Writer out) throws IOException {
    List<PolicyInfo> rules = distinctById(report.policies());
    Map<String, Integer> ruleIndexes = new LinkedHashMap<>();
    for (PolicyInfo rule : rules) {
      ruleIndexes.put(rule.id(), ruleIndexes.size());
    }
    Sarif.write(
        out,
        report.toolVersion(),
        json -> {
          for (PolicyInfo rule : rules) {
            writeRule(json, rule);
          }
        },
        json -> {
          writeInvocation(json, report);
          // Columns come from the YAML parser, which counts code points, not UTF-16 units.
          json.writeStringField("columnKind", "unicodeCodePoints");
          json.writeArrayFieldStart("results");
          for (ObjectResult result : report.results()) {
            for (Finding finding : result.violations()) {
              writeResult(json, result.object(), finding, ruleIndexes);
            }
          }
          json.writeEndArray();
        });
  }

  // SARIF rules must be unique; a policy listed twice keeps its first position.
  private static List<PolicyInfo> distinctById(List<PolicyInfo> policies) {
    Map<String, PolicyInfo> byId = new LinkedHashMap<>();
    for (PolicyInfo policy : policies) {
      byId.putIfAbsent(policy.id(), policy);
    }
    return List.copyOf(byId.values());
  }

  private static void writeRule(JsonGenerator json, PolicyInfo policy) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", policy.id());
    json.writeStringField("name", pascalCase(policy.name()));
    Sarif.message(json, "shortDescription", policy.name());
    if (!policy.description().isBlank()) {
      Sarif.message(json, "fullDescription", policy.description());
    }
    if (!policy.remediation().isBlank()) {
      json.writeObjectFieldStart("help");
      json.writeStringField("text", policy.remediation());
      json.writeStringField("markdown", helpMarkdown(policy));
      json.writeEndObject();
    }
    json.writeObjectFieldStart("defaultConfiguration");
    json.writeStringField("level", level(policy.severity()));
    json.writeEndObject();
    json.writeObjectFieldStart("properties");
    Set<String> tags = new LinkedHashSet<>(policy.categories());
    tags.addAll(policy.controls());
    JsonOutput.stringArray(json, "tags", List.copyOf(tags));
    json.writeStringField("security-severity", securitySeverity(policy.severity()));
    json.writeStringField("precision", "high");
    json.writeEndObject();
    json.writeEndObject();
  }

  private static String helpMarkdown(PolicyInfo policy) {
    if (policy.rationale().isBlank()) {
      return policy.remediation();
    }
    return "**Why it matters:** "
        + policy.rationale()
        + "\n\n**How to fix:** "
        + policy.remediation();
  }

  private static void writeInvocation(JsonGenerator json, Report report) throws IOException {
    json.writeArrayFieldStart("invocations");
    json.writeStartObject();
    json.writeBooleanField("executionSuccessful", report.errors().isEmpty());
    json.writeArrayFieldStart("toolExecutionNotifications");
    for (ReportError error : report.errors()) {
      Sarif.notification(
          json, "error", error.message(), error.file(), error.line(), error.column());
    }
    for (ReportNote note : report.notes()) {
      Sarif.notification(json, "note", note.message(), note.file(), note.line(), 0);
    }
    for (ExpiredException expired : report.expiredExceptions()) {
      Sarif.notification(json, "warning", expired.message(), expired.file(), 0, 0);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
  }

  private static void writeResult(
      JsonGenerator json, ObjectRef object, Finding finding, Map<String, Integer> ruleIndexes)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("ruleId", finding.policyId());
    Integer ruleIndex = ruleIndexes.get(finding.policyId());
    if (ruleIndex != null) {
      json.writeNumberField("ruleIndex", ruleIndex);
    }
    json.writeStringField("level", finding.blocking() ? "error" : level(finding.severity()));
    Sarif.message(json, "message", finding.message());
    json.writeArrayFieldStart("locations");
    json.writeStartObject();
    String file = finding.file().isEmpty() ? object.file() : finding.file();
    if (!file.isEmpty()) {
      Sarif.physicalLocation(json, file, finding.line(), finding.column());
    }
    json.writeArrayFieldStart("logicalLocations");
    json.writeStartObject();
    json.writeStringField("fullyQualifiedName", object.qualifiedName());
    json.writeStringField("kind", "resource");
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndArray();
    json.writeObjectFieldStart("partialFingerprints");
    json.writeStringField(Sarif.FINGERPRINT_KEY, fingerprint(object, finding));
    json.writeEndObject();
    if (finding.waived()) {
      writeSuppression(json, finding.waiver());
    }
    json.writeObjectFieldStart("properties");
    json.writeStringField("path", finding.path());
    JsonOutput.stringArray(json, "controls", finding.controls());
    json.writeBooleanField("blocking", finding.blocking());
    json.writeEndObject();
    json.writeEndObject();
  }

  // An annotation waiver sits on the object itself, in the analysed file; an exception lives in a
  // policy exception file. SARIF calls these "inSource" and "external".
  private static void writeSuppression(JsonGenerator json, @Nullable WaiverInfo waiver)
      throws IOException {
    boolean annotation = waiver != null && WaiverInfo.ANNOTATION.equals(waiver.kind());
    json.writeArrayFieldStart("suppressions");
    json.writeStartObject();
    json.writeStringField("kind", annotation ? "inSource" : "external");
    json.writeStringField("status", "accepted");
    if (waiver != null) {
      json.writeStringField("justification", waiver.reason());
    }
    json.writeEndObject();
    json.writeEndArray();
  }

  /**
   * Identifies a finding across runs, so dashboards keep one alert while lines move: the policy,
   * the object (file, kind, namespace, name) and the field path. The API version is left out so
   * that moving an object to a newer API keeps its alerts.
   */
  static String fingerprint(ObjectRef object, Finding finding) {
    String namespace = object.namespace() == null ? "" : object.namespace();
    return Sarif.fingerprint(
        List.of(
            finding.policyId(),
            object.file(),
            object.kind(),
            namespace,
            object.name(),
            finding.path()));
  }

  static String pascalCase(String name) {
    StringBuilder result = new StringBuilder();
    for (String word : WORD_SEPARATOR.split(name)) {
      if (!word.isEmpty()) {
        result.appendCodePoint(Character.toUpperCase(word.codePointAt(0)));
        result.append(word, Character.charCount(word.codePointAt(0)), word.length());
      }
    }
    return result.toString();
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "note";
    };
  }

  // GitHub code scanning maps these to critical (>= 9.0), high (>= 7.0), medium (>= 4.0), low.
  private static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.0";
      case HIGH -> "7.5";
      case MEDIUM -> "5.0";
      case LOW -> "3.0";
    };
  }
}
