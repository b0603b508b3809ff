package dev.bulwark.central.notifiers.channel;

import dev.bulwark.central.alerts.AlertEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Syslog (RFC 5424): one message per alert event, with the alert's fields as structured data {@code
 * [alert@32473 ...]} (32473 is the enterprise number RFC 5612 sets aside for examples and
 * documentation). Over UDP one message per datagram (RFC 5426), over TCP and TLS with
 * octet-counting framing (RFC 6587, RFC 5425).
 */
final class SyslogChannel implements Channel {
  static final List<String> PROTOCOLS = List.of("udp", "tcp", "tls");
  static final List<String> FACILITIES =
      List.of(
          "kern",
          "user",
          "mail",
          "daemon",
          "auth",
          "syslog",
          "lpr",
          "news",
          "uucp",
          "cron",
          "authpriv",
          "ftp",
          "ntp",
          "audit",
          "alert",
          "clock",
          "local0",
          "local1",
          "local2",
          "local3",
          "local4",
          "local5",
          "local6",
          "local7");
  static final String STRUCTURED_DATA_ID = "alert@32473";

  private final String hostname;

  /**
   * @param hostname the HOSTNAME field: the name of the host central runs on
   */
  SyslogChannel(String hostname) {
    this.hostname = hostname;
  }

  @Override
  public Optional<String> send(Outgoing message) throws DeliveryException {
    Configuration configuration = message.configuration();
    String protocol = configuration.text("protocol", "udp");
    String host = configuration.text("host").orElseThrow();
    int port = configuration.integer("port", protocol.equals("tls") ? 6514 : 514);
    byte[] line =
        render(message.event(), FACILITIES.indexOf(configuration.text("facility", "local0")))
            .getBytes(StandardCharsets.UTF_8);
    String where = protocol + "://" + host + ":" + port;
    try {
      switch (protocol) {
        case "udp" -> {
          try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(line, line.length, new InetSocketAddress(host, port)));
          }
        }
        case "tcp" -> {
          try (Socket socket = new Socket()) {
            socket.connect(
                new InetSocketAddress(host, port), (int) message.timeouts().connect().toMillis());
            socket.setSoTimeout((int) message.timeouts().request().toMillis());
            write(socket.getOutputStream(), line);
          }
        }
        default -> {
          SSLContext context =
              TrustedCertificates.context(configuration.text("caCertificate").orElse(null));
          try (Socket plain = new Socket()) {
            plain.connect(
                new InetSocketAddress(host, port), (int) message.timeouts().connect().toMillis());
            plain.setSoTimeout((int) message.timeouts().request().toMillis());
            try (SSLSocket tls =
                (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
              tls.setSSLParameters(TrustedCertificates.verifyingHostname(context));
              tls.startHandshake();
              write(tls.getOutputStream(), line);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new DeliveryException(
          "cannot send syslog to " + where + ": " + e.getMessage(), false, e);
    }
    return Optional.empty();
  }

  /** Octet counting: the length in bytes, a space, the message. */
  private static void write(OutputStream out, byte[] line) throws IOException {
    out.write((line.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.write(line);
    out.flush();
  }

  /** The RFC 5424 message. */
  String render(AlertEvent event, int facility) {
    int priority = facility * 8 + severity(event);
    StringBuilder data = new StringBuilder("[").append(STRUCTURED_DATA_ID);
    parameter(data, "alertId", event.alertId().toString());
    parameter(data, "kind", event.kind().name());
    parameter(data, "cluster", event.clusterName());
    parameter(data, "namespace", event.subject().namespace());
    parameter(data, "workloadKind", event.subject().kind());
    parameter(data, "workload", event.subject().name());
    parameter(data, "policyId", event.policyId());
    parameter(data, "policy", event.policyName());
    parameter(data, "severity", event.severity().name());
    parameter(data, "stage", event.stage().name());
    data.append(']');
    return "<"
        + priority
        + ">1 "
        + DateTimeFormatter.ISO_INSTANT.format(event.at().truncatedTo(ChronoUnit.MICROS))
        + " "
        + hostname
        + " bulwark - "
        + msgId(event)
        + " "
        + data
        + " "
        + AlertText.title(event)
        + " in "
        + AlertText.where(event)
        + ": "
        + String.join("; ", event.messages());
  }

  private static String msgId(AlertEvent event) {
    return switch (event.kind()) {
      case NEW -> "alert-new";
      case RESOLVED -> "alert-resolved";
      case ATTEMPTED -> "admission-denied";
    };
  }

  /** Syslog severities: critical 2, error 3, warning 4, notice 5; a resolution is 6 (info). */
  private static int severity(AlertEvent event) {
    if (event.kind() == AlertEvent.Kind.RESOLVED) {
      return 6;
    }
    return switch (event.severity()) {
      case CRITICAL -> 2;
      case HIGH -> 3;
      case MEDIUM -> 4;
      case LOW -> 5;
    };
  }

  /** A PARAM-VALUE escapes {@code "}, {@code \} and {@code ]} with a backslash. */
  private static void parameter(StringBuilder data, String name, String value) {
    data.append(' ')
        .append(name)
        .append("=\"")
        .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]"))
        .append('"');
  }
}
