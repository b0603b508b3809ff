package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.secrets.Secret;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Microsoft Teams incoming webhooks (and Workflows webhooks): a {@code message} whose one
 * attachment is an Adaptive Card 1.4 with the headline, the facts and the violations.
 */
final class TeamsChannel implements Channel {
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
    ObjectNode envelope = AlertDocument.MAPPER.createObjectNode();
    envelope.put("type", "message");
    ObjectNode attachment = envelope.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject()
        .put("type", "TextBlock")
        .put("size", "Large")
        .put("weight", "Bolder")
        .put("wrap", true)
        .put("text", AlertText.title(event));
    ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
    fact(facts, "Severity", AlertText.severity(event.severity()));
    fact(facts, "Cluster", event.clusterName());
    fact(facts, "Namespace", AlertText.namespace(event.subject()));
    fact(facts, "Workload", AlertText.workload(event.subject()));
    fact(facts, "Policy", event.policyName());
    fact(facts, "Stage", event.stage().name());
    fact(facts, "Alert", event.alertId().toString());
    for (String violation : event.messages()) {
      body.addObject().put("type", "TextBlock").put("wrap", true).put("text", "- " + violation);
    }
    return envelope;
  }

  private static void fact(ArrayNode facts, String title, String value) {
    facts.addObject().put("title", title).put("value", value);
  }
}
