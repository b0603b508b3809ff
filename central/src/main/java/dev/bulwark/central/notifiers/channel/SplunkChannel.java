package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.secrets.Secret;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Splunk HTTP Event Collector: one event per alert event, {@code event} being the alert JSON
 * ({@link AlertDocument}), with the configured index and source type.
 */
final class SplunkChannel implements Channel {
  static final String DEFAULT_SOURCETYPE = "bulwark:alert";

  @Override
  public Optional<String> send(Outgoing message) throws DeliveryException {
    Configuration configuration = message.configuration();
    Secret token = Objects.requireNonNull(configuration.secret("token"));
    HttpSender.postJson(
        HttpSender.uri(
            PagerDutyChannel.stripSlash(configuration.text("url").orElseThrow())
                + "/services/collector/event"),
        render(message.event(), configuration),
        Map.of("Authorization", "Splunk " + token.reveal()),
        configuration.text("caCertificate").orElse(null),
        message.timeouts());
    return Optional.empty();
  }

  static ObjectNode render(AlertEvent event, Configuration configuration) {
    ObjectNode body = AlertDocument.MAPPER.createObjectNode();
    // HEC takes the time as epoch seconds with a fraction.
    body.put("time", BigDecimal.valueOf(event.at().toEpochMilli()).movePointLeft(3));
    body.put("source", "bulwark-central");
    body.put("sourcetype", configuration.text("sourcetype", DEFAULT_SOURCETYPE));
    configuration.text("index").ifPresent(index -> body.put("index", index));
    body.set("event", AlertDocument.of(event));
    return body;
  }
}
