package dev.bulwark.detect.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.detect.report.WaiverInfo;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.Severity;
import dev.bulwark.scanner.analyzer.Note;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON {@link ImageCheckJson} writes back into an {@link ImageCheckReport}, for programs
 * that receive an image check's JSON (the CLI asking central) and render it in another format. The
 * JSON names each policy by id, name, severity and enforcement actions only, so the policies read
 * back have no description, rationale, remediation, categories or controls. Stateless.
 */
public final class ImageCheckJsonReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ImageCheckJsonReader() {}

  /**
   * The report in {@code json}.
   *
   * @throws IllegalArgumentException when {@code json} is not an image check of format version
   *     {@value ImageCheckJson#FORMAT_VERSION}
   */
  public static ImageCheckReport read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the report is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null
        || !ImageCheckJson.FORMAT_VERSION.equals(text(root, "version"))
        || !root.path("image").isObject()) {
      throw new IllegalArgumentException(
          "not an image check of format version " + ImageCheckJson.FORMAT_VERSION);
    }
    JsonNode image = root.path("image");
    JsonNode name = image.path("name");
    String digest = nullableText(image, "digest");
    CheckedImage checked =
        new CheckedImage(
            text(image, "reference"),
            new ImageRef(
                text(name, "fullName"),
                text(name, "registry"),
                text(name, "remote"),
                nullableText(name, "tag"),
                digest),
            digest);
    List<PolicyResult> policies = new ArrayList<>();
    for (JsonNode policy : array(root, "policies")) {
      policies.add(result(policy));
    }
    List<Note> notes = new ArrayList<>();
    for (JsonNode note : array(root, "notes")) {
      notes.add(new Note(text(note, "source"), text(note, "path"), text(note, "message")));
    }
    String database = nullableText(root.path("vulnerabilities"), "database");
    return new ImageCheckReport(
        text(root.path("tool"), "version"),
        checked,
        nullableText(image, "os"),
        database == null ? null : Path.of(database),
        policies,
        notes);
  }

  private static PolicyResult result(JsonNode node) {
    List<EnforcementAction> actions = new ArrayList<>();
    for (JsonNode action : array(node, "enforcementActions")) {
      actions.add(constant(EnforcementAction.class, action.asText()));
    }
    Policy policy =
        new Policy(
            text(node, "id"),
            text(node, "name"),
            "",
            "",
            "",
            false,
            List.of(),
            List.of(LifecycleStage.BUILD),
            EventSource.NOT_APPLICABLE,
            List.of(),
            List.of(),
            constant(Severity.class, text(node, "severity")),
            actions,
            List.of(),
            "",
            List.of(),
            List.of(),
            false,
            false,
            false,
            List.of(),
            List.of(),
            List.of(),
            List.of());
    List<ImageViolation> violations = new ArrayList<>();
    for (JsonNode violation : array(node, "violations")) {
      violations.add(new ImageViolation(text(violation, "message"), waiver(violation)));
    }
    String reason = text(node, "reason");
    return new PolicyResult(
        policy, constant(PolicyResult.Status.class, text(node, "status")), violations, reason);
  }

  private static @Nullable WaiverInfo waiver(JsonNode violation) {
    JsonNode waiver = violation.get("waiver");
    if (waiver == null || waiver.isNull()) {
      return null;
    }
    return new WaiverInfo(
        text(waiver, "kind"),
        text(waiver, "name"),
        text(waiver, "reason"),
        nullableText(waiver, "owner"),
        nullableText(waiver, "ticket"),
        nullableText(waiver, "expires"));
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String name) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown " + type.getSimpleName() + " \"" + name + "\" in the report", e);
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
}
