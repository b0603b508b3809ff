package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.secrets.Secret;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * PagerDuty Events API v2: a new alert or an admission denial triggers an incident whose dedup key
 * is the alert id; a resolution resolves it.
 */
final class PagerDutyChannel implements Channel {
  static final String DEFAULT_URL = "https://events.pagerduty.com";

  @Override
  public Optional<String> send(Outgoing message) throws DeliveryException {
    Configuration configuration = message.configuration();
    Secret routingKey = Objects.requireNonNull(configuration.secret("routingKey"));
    String base = configuration.text("url", DEFAULT_URL);
    HttpSender.postJson(
        HttpSender.uri(stripSlash(base) + "/v2/enqueue"),
        render(message.event(), routingKey.reveal()),
        Map.of(),
        configuration.text("caCertificate").orElse(null),
        message.timeouts());
    return Optional.empty();
  }

  static ObjectNode render(AlertEvent event, String routingKey) {
    ObjectNode body = AlertDocument.MAPPER.createObjectNode();
    body.put("routing_key", routingKey);
    body.put("event_action", event.kind() == AlertEvent.Kind.RESOLVED ? "resolve" : "trigger");
    body.put("dedup_key", event.alertId().toString());
    if (event.kind() == AlertEvent.Kind.RESOLVED) {
      return body;
    }
    ObjectNode payload = body.putObject("payload");
    payload.put(
        "summary",
        SlackChannel.cut(AlertText.title(event) + " in " + AlertText.where(event), 1024));
    payload.put(
        "source",
        event.clusterName()
            + "/"
            + AlertText.namespace(event.subject())
            + "/"
            + AlertText.workload(event.subject()));
    payload.put("severity", severity(event));
    payload.put("timestamp", event.at().toString());
    payload.put("component", AlertText.workload(event.subject()));
    payload.put("group", event.subject().namespace());
    payload.put("class", event.policyName());
    ObjectNode details = payload.putObject("custom_details");
    details.put("policyId", event.policyId());
    details.put("stage", event.stage().name());
    details.put("kind", event.kind().name());
    ArrayNode messages = details.putArray("messages");
    event.messages().forEach(messages::add);
    return body;
  }

  /** PagerDuty knows critical, error, warning and info. */
  private static String severity(AlertEvent event) {
    return switch (event.severity()) {
      case CRITICAL -> "critical";
      case HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "info";
    };
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
