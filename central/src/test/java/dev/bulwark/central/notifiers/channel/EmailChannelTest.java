package dev.bulwark.central.notifiers.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.secrets.Secret;
import dev.bulwark.central.testing.AlertEvents;
import dev.bulwark.central.testing.peers.PeerCertificate;
import dev.bulwark.central.testing.peers.SmtpPeer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Email against a real SMTP server with STARTTLS. */
class EmailChannelTest {
  private static final PeerCertificate CERTIFICATE = PeerCertificate.create();
  private final Channels channels =
      new Channels(Clock.fixed(Instant.parse("2030-02-01T08:00:00Z"), ZoneOffset.UTC), "host");

  @Test
  void sendsOneTextMessageOverStartTlsAfterAuthenticating() throws Exception {
    try (SmtpPeer smtp = new SmtpPeer(CERTIFICATE, true)) {
      channels.of(NotifierType.EMAIL).send(message(smtp, null));

      assertThat(smtp.mails()).hasSize(1);
      SmtpPeer.Mail mail = smtp.mails().getFirst();
      assertThat(mail.overTls()).isTrue();
      assertThat(mail.from()).isEqualTo("bulwark@example.com");
      assertThat(mail.to()).containsExactly("secops@example.com");
      assertThat(mail.username()).isEqualTo("mailer");
      assertThat(mail.password()).isEqualTo("pa55");
      assertThat(mail.data())
          .isEqualTo(
              """
              From: bulwark@example.com\r
              To: secops@example.com\r
              Subject: [Bulwark] Policy violated: Privileged container (prod)\r
              Date: Fri, 1 Feb 2030 08:00:00 GMT\r
              Message-ID: <%s@example.com>\r
              MIME-Version: 1.0\r
              Content-Type: text/plain; charset=UTF-8\r
              Content-Transfer-Encoding: 8bit\r
              \r
              Policy violated: Privileged container\r
              \r
              Severity: High\r
              Cluster: prod\r
              Namespace: shop\r
              Workload: Deployment/web\r
              Policy: Privileged container (privileged)\r
              Stage: DEPLOY\r
              Alert: 6f1c2f5e-0000-4000-8000-000000000001\r
              At: 2030-01-31T12:00:00.123456Z\r
              \r
              Violations:\r
              - Container 'app' is privileged\r
              - Container 'sidecar' is privileged\r
              """
                  .formatted(
                      java.util.UUID.nameUUIDFromBytes(
                          (AlertEvents.ALERT + ":NEW")
                              .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      List<String> commands = smtp.commands();
      assertThat(commands.indexOf("STARTTLS")).isLessThan(indexStartingWith(commands, "AUTH"));
    }
  }

  @Test
  void anAnnotatedRecipientReplacesTheConfiguredOne() throws Exception {
    try (SmtpPeer smtp = new SmtpPeer(CERTIFICATE, true)) {
      channels.of(NotifierType.EMAIL).send(message(smtp, "team-shop@example.com"));

      assertThat(smtp.mails().getFirst().to()).containsExactly("team-shop@example.com");
    }
  }

  @Test
  void aServerWithoutStartTlsGetsNeitherCredentialsNorMail() throws Exception {
    try (SmtpPeer smtp = new SmtpPeer(CERTIFICATE, false)) {
      assertThatThrownBy(() -> channels.of(NotifierType.EMAIL).send(message(smtp, null)))
          .isInstanceOfSatisfying(
              DeliveryException.class,
              e -> {
                assertThat(e.permanent()).isTrue();
                assertThat(e.getMessage()).contains("does not offer STARTTLS");
              });
      assertThat(smtp.mails()).isEmpty();
      assertThat(smtp.commands()).noneMatch(command -> command.startsWith("AUTH"));
    }
  }

  private static Outgoing message(SmtpPeer smtp, @Nullable String target) {
    ObjectNode settings = AlertDocument.MAPPER.createObjectNode();
    settings.put("host", "localhost");
    settings.put("port", smtp.port());
    settings.put("from", "bulwark@example.com");
    settings.put("to", "secops@example.com");
    settings.put("username", "mailer");
    settings.put("caCertificate", CERTIFICATE.caPem());
    return new Outgoing(
        AlertEvents.event(AlertEvent.Kind.NEW),
        new Configuration(settings, Map.of("password", new Secret("pa55"))),
        target,
        null,
        Timeouts.DEFAULT);
  }

  private static int indexStartingWith(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
