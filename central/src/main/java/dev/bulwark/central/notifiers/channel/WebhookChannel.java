package dev.bulwark.central.notifiers.channel;

import dev.bulwark.central.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Generic webhooks: POSTs the alert event as JSON ({@link AlertDocument}) with the configured
 * headers and, when a username is set, HTTP basic authentication.
 */
final class WebhookChannel implements Channel {
  @Override
  public Optional<String> send(Outgoing message) throws DeliveryException {
    Configuration configuration = message.configuration();
    String url =
        message.target() != null ? message.target() : configuration.text("url").orElseThrow();
    Map<String, String> headers = new LinkedHashMap<>(configuration.map("headers"));
    Optional<String> username = configuration.text("username");
    if (username.isPresent()) {
      Secret password = configuration.secret("password");
      String credentials = username.get() + ":" + (password == null ? "" : password.reveal());
      headers.put(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    HttpSender.postJson(
        HttpSender.uri(url),
        AlertDocument.of(message.event()),
        headers,
        configuration.text("caCertificate").orElse(null),
        message.timeouts());
    return Optional.empty();
  }
}
