package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.secrets.Secret;
import dev.bulwark.policy.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Jira (REST API v2, Cloud and Data Center): a new alert or an admission denial creates an issue in
 * the project, its priority taken from the severity; a resolution moves the issue created for the
 * alert through the configured transition, when one is configured.
 */
final class JiraChannel implements Channel {
  /** Jira's default priority scheme. */
  static final Map<Severity, String> DEFAULT_PRIORITIES =
      Map.of(
          Severity.CRITICAL, "Highest",
          Severity.HIGH, "High",
          Severity.MEDIUM, "Medium",
          Severity.LOW, "Low");

  @Override
  public boolean accepts(AlertEvent.Kind kind, Configuration configuration) {
    return kind != AlertEvent.Kind.RESOLVED
        || configuration.text("resolveTransitionId").isPresent();
  }

  @Override
  public Optional<String> send(Outgoing message) throws DeliveryException {
    Configuration configuration = message.configuration();
    String base = PagerDutyChannel.stripSlash(configuration.text("url").orElseThrow());
    Map<String, String> headers = Map.of("Authorization", authorization(configuration));
    String ca = configuration.text("caCertificate").orElse(null);
    if (message.event().kind() == AlertEvent.Kind.RESOLVED) {
      String issue = message.reference();
      if (issue == null) {
        // the issue was never created (its delivery gave up): nothing to resolve
        return Optional.empty();
      }
      HttpSender.postJson(
          HttpSender.uri(base + "/rest/api/2/issue/" + issue + "/transitions"),
          transition(configuration.text("resolveTransitionId").orElseThrow()),
          headers,
          ca,
          message.timeouts());
      return Optional.of(issue);
    }
    String project =
        message.target() != null ? message.target() : configuration.text("project").orElseThrow();
    HttpSender.Response response =
        HttpSender.postJson(
            HttpSender.uri(base + "/rest/api/2/issue"),
            render(message.event(), configuration, project),
            headers,
            ca,
            message.timeouts());
    return Optional.of(issueKey(response.body()));
  }

  static ObjectNode render(AlertEvent event, Configuration configuration, String project) {
    ObjectNode body = AlertDocument.MAPPER.createObjectNode();
    ObjectNode fields = body.putObject("fields");
    fields.putObject("project").put("key", project);
    fields.putObject("issuetype").put("name", configuration.text("issueType", "Task"));
    fields.put(
        "summary",
        SlackChannel.cut(
            AlertText.title(event) + " (" + AlertText.workload(event.subject()) + ")", 255));
    fields.put("description", AlertText.plainText(event));
    fields.putObject("priority").put("name", priority(event.severity(), configuration));
    fields.putArray("labels").add("bulwark");
    return body;
  }

  static ObjectNode transition(String id) {
    ObjectNode body = AlertDocument.MAPPER.createObjectNode();
    body.putObject("transition").put("id", id);
    return body;
  }

  private static String priority(Severity severity, Configuration configuration) {
    String configured = configuration.map("priorities").get(severity.name());
    return configured != null
        ? configured
        : Objects.requireNonNull(DEFAULT_PRIORITIES.get(severity));
  }

  private static String authorization(Configuration configuration) {
    Secret token = Objects.requireNonNull(configuration.secret("apiToken"));
    String credentials = configuration.text("username").orElseThrow() + ":" + token.reveal();
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static String issueKey(String response) throws DeliveryException {
    try {
      JsonNode key = AlertDocument.MAPPER.readTree(response).get("key");
      if (key != null && key.isTextual()) {
        return key.asText();
      }
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw new DeliveryException("Jira created an issue but its answer names no issue key", true);
  }
}
