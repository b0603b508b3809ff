package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.secrets.Secret;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slack incoming webhooks: a message with a plain-text fallback and blocks (a header, the facts as
 * fields, the violations). Links are off so Slack does not unfurl anything.
 */
final class SlackChannel implements Channel {
  /** Slack cuts header texts at 150 characters and section texts at 3000. */
  private static final int HEADER_LIMIT = 150;

  private static final int SECTION_LIMIT = 3000;

  @Override
  public Optional<String> send(Outgoing message) throws DeliveryException {
    Secret url = Objects.requireNonNull(message.configuration().secret("webhookUrl"));
    String target = message.target() != null ? message.target() : url.reveal();
    HttpSender.postJson(
        HttpSender.uri(target),
        render(message.event()),
        Map.of(),
        message.configuration().text("caCertificate").orElse(null),
        message.timeouts());
    return Optional.empty();
  }

  static ObjectNode render(AlertEvent event) {
    ObjectNode body = AlertDocument.MAPPER.createObjectNode();
    body.put("text", AlertText.title(event) + " (" + AlertText.where(event) + ")");
    body.put("unfurl_links", false);
    body.put("unfurl_media", false);
    ArrayNode blocks = body.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header
        .putObject("text")
        .put("type", "plain_text")
        .put("text", cut(AlertText.title(event), HEADER_LIMIT));
    ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
    field(fields, "Severity", AlertText.severity(event.severity()));
    field(fields, "Cluster", event.clusterName());
    field(fields, "Namespace", AlertText.namespace(event.subject()));
    field(fields, "Workload", AlertText.workload(event.subject()));
    field(fields, "Policy", event.policyName());
    field(fields, "Stage", event.stage().name());
    if (!event.messages().isEmpty()) {
      blocks
          .addObject()
          .put("type", "section")
          .putObject("text")
          .put("type", "mrkdwn")
          .put("text", cut(escape(AlertText.messageLines(event).strip()), SECTION_LIMIT));
    }
    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", "Alert " + event.alertId() + " at " + event.at());
    return body;
  }

  private static void field(ArrayNode fields, String name, String value) {
    fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + escape(value));
  }

  /** Slack's mrkdwn escapes: only these three characters are special. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String cut(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }
}
