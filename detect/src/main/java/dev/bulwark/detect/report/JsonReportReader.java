package dev.bulwark.detect.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the report {@link JsonReportWriter} writes back into the model, for programs that receive a
 * check's JSON (the CLI asking central) and render it in another format. The JSON carries no policy
 * list, so {@link Report#policies()} holds the policies the findings and the not-evaluated entries
 * name, with their name, severity and controls only, enforced when one of their findings blocks;
 * and every object's applicable policies are those it names. Stateless.
 */
public final class JsonReportReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonReportReader() {}

  /**
   * The report in {@code json}.
   *
   * @throws IllegalArgumentException when {@code json} is not a report of format version {@value
   *     JsonReportWriter#FORMAT_VERSION}
   */
  public static Report read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the report is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !JsonReportWriter.FORMAT_VERSION.equals(text(root, "version"))) {
      throw new IllegalArgumentException(
          "not a check report of format version " + JsonReportWriter.FORMAT_VERSION);
    }
    Map<String, PolicyInfo> policies = new LinkedHashMap<>();
    List<ObjectResult> results = new ArrayList<>();
    for (JsonNode result : array(root, "results")) {
      results.add(result(result, policies));
    }
    List<ReportError> errors = new ArrayList<>();
    for (JsonNode error : array(root, "errors")) {
      errors.add(
          new ReportError(
              text(error, "file"),
              number(error, "line"),
              number(error, "column"),
              text(error, "message")));
    }
    List<ReportNote> notes = new ArrayList<>();
    for (JsonNode note : array(root, "notes")) {
      notes.add(new ReportNote(text(note, "file"), number(note, "line"), text(note, "message")));
    }
    List<ExpiredException> expired = new ArrayList<>();
    for (JsonNode exception : array(root, "expiredExceptions")) {
      expired.add(
          new ExpiredException(
              text(exception, "name"),
              text(exception, "file"),
              text(exception, "expires"),
              text(exception, "owner")));
    }
    return new Report(
        text(root.path("tool"), "version"),
        List.copyOf(policies.values()),
        results,
        Summary.of(results, errors),
        errors,
        notes,
        expired);
  }

  private static ObjectResult result(JsonNode result, Map<String, PolicyInfo> policies) {
    JsonNode object = result.path("object");
    ObjectRef ref =
        new ObjectRef(
            text(object, "apiVersion"),
            text(object, "kind"),
            nullableText(object, "namespace"),
            text(object, "name"),
            text(object, "file"),
            number(object, "line"));
    List<Finding> findings = new ArrayList<>();
    List<String> applicable = new ArrayList<>();
    for (JsonNode violation : array(result, "violations")) {
      Finding finding = finding(violation);
      findings.add(finding);
      PolicyInfo known = policies.get(finding.policyId());
      if (known == null || (finding.blocking() && !known.enforced())) {
        policies.put(
            finding.policyId(),
            info(
                finding.policyId(),
                finding.policy(),
                finding.severity(),
                finding.controls(),
                finding.blocking()));
      }
      if (!applicable.contains(finding.policyId())) {
        applicable.add(finding.policyId());
      }
    }
    List<NotEvaluated> notEvaluated = new ArrayList<>();
    for (JsonNode entry : array(result, "notEvaluated")) {
      NotEvaluated item =
          new NotEvaluated(text(entry, "policy"), text(entry, "policyId"), text(entry, "reason"));
      notEvaluated.add(item);
      policies.putIfAbsent(
          item.policyId(), info(item.policyId(), item.policy(), Severity.LOW, List.of(), false));
      if (!applicable.contains(item.policyId())) {
        applicable.add(item.policyId());
      }
    }
    return new ObjectResult(ref, findings, notEvaluated, applicable);
  }

  private static Finding finding(JsonNode violation) {
    JsonNode waiver = violation.get("waiver");
    WaiverInfo waiverInfo =
        waiver == null || waiver.isNull()
            ? null
            : new WaiverInfo(
                text(waiver, "kind"),
                text(waiver, "name"),
                text(waiver, "reason"),
                nullableText(waiver, "owner"),
                nullableText(waiver, "ticket"),
                nullableText(waiver, "expires"));
    List<String> controls = new ArrayList<>();
    array(violation, "controls").forEach(control -> controls.add(control.asText()));
    return new Finding(
        text(violation, "policy"),
        text(violation, "policyId"),
        severity(text(violation, "severity")),
        text(violation, "message"),
        text(violation, "file"),
        number(violation, "line"),
        number(violation, "column"),
        text(violation, "path"),
        violation.path("blocking").asBoolean(),
        violation.path("waived").asBoolean(),
        waiverInfo,
        controls);
  }

  private static PolicyInfo info(
      String id, String name, Severity severity, List<String> controls, boolean enforced) {
    return new PolicyInfo(id, name, severity, "", "", "", List.of(), controls, enforced);
  }

  private static Severity severity(String name) {
    try {
      return Severity.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown severity \"" + name + "\" in the report", e);
    }
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isArray() ? value : List.of();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static @Nullable String nullableText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static int number(JsonNode node, String field) {
    return node.path(field).asInt();
  }
}
