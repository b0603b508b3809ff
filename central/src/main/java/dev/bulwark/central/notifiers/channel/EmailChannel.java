package dev.bulwark.central.notifiers.channel;

import dev.bulwark.central.alerts.AlertEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Email over SMTP: one plain-text message per alert event to the configured (or annotated)
 * recipient, sent only over a connection upgraded with STARTTLS; see {@link SmtpClient}.
 */
final class EmailChannel implements Channel {
  static final int DEFAULT_PORT = 587;

  private final Clock clock;

  EmailChannel(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<String> send(Outgoing message) throws DeliveryException {
    Configuration configuration = message.configuration();
    String to =
        message.target() != null ? message.target() : configuration.text("to").orElseThrow();
    if (!Fields.isEmail(to)) {
      throw new DeliveryException("the recipient is not an email address: " + to, true);
    }
    String from = configuration.text("from").orElseThrow();
    SmtpClient.Server server =
        new SmtpClient.Server(
            configuration.text("host").orElseThrow(),
            configuration.integer("port", DEFAULT_PORT),
            configuration.text("caCertificate").orElse(null),
            configuration.text("username").orElse(null),
            configuration.secret("password"));
    SmtpClient.send(server, from, to, render(message.event(), from, to), message.timeouts());
    return Optional.empty();
  }

  /** The message: headers and a UTF-8 text body, lines ending in CRLF. */
  String render(AlertEvent event, String from, String to) {
    String host = from.substring(from.indexOf('@') + 1);
    return "From: "
        + from
        + "\r\nTo: "
        + to
        + "\r\nSubject: "
        + subject("[Bulwark] " + AlertText.title(event) + " (" + event.clusterName() + ")")
        + "\r\nDate: "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC))
        + "\r\nMessage-ID: <"
        + UUID.nameUUIDFromBytes(
            (event.alertId() + ":" + event.kind()).getBytes(StandardCharsets.UTF_8))
        + "@"
        + host
        + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
        + "Content-Transfer-Encoding: 8bit\r\n\r\n"
        + AlertText.plainText(event).replace("\n", "\r\n");
  }

  /** The subject, encoded (RFC 2047) when it is not plain ASCII. */
  static String subject(String text) {
    boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    return ascii
        ? text
        : "=?UTF-8?B?"
            + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
            + "?=";
  }
}
