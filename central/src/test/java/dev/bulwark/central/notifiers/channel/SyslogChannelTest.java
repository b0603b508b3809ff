package dev.bulwark.central.notifiers.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.testing.AlertEvents;
import dev.bulwark.central.testing.peers.PeerCertificate;
import dev.bulwark.central.testing.peers.SyslogPeer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Syslog over UDP, TCP and TLS against real listeners, comparing the exact RFC 5424 line. */
class SyslogChannelTest {
  private static final PeerCertificate CERTIFICATE = PeerCertificate.create();
  private static final String EXPECTED =
      "<131>1 2030-01-31T12:00:00.123456Z central-host bulwark - alert-new [alert@32473"
          + " alertId=\"6f1c2f5e-0000-4000-8000-000000000001\" kind=\"NEW\" cluster=\"prod\""
          + " namespace=\"shop\" workloadKind=\"Deployment\" workload=\"web\""
          + " policyId=\"privileged\" policy=\"Privileged container\" severity=\"HIGH\""
          + " stage=\"DEPLOY\"] Policy violated: Privileged container in cluster prod, namespace"
          + " shop, Deployment/web: Container 'app' is privileged; Container 'sidecar' is"
          + " privileged";

  private final Channels channels = new Channels(Clock.systemUTC(), "central-host");

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp", "tls"})
  void sendsOneRfc5424MessagePerEvent(String protocol) throws Exception {
    try (SyslogPeer peer =
        protocol.equals("udp")
            ? SyslogPeer.udp()
            : SyslogPeer.stream(protocol.equals("tls") ? CERTIFICATE : null)) {
      ObjectNode settings = AlertDocument.MAPPER.createObjectNode();
      settings.put("host", "localhost");
      settings.put("port", peer.port());
      settings.put("protocol", protocol);
      settings.put("facility", "local0");
      settings.put("caCertificate", CERTIFICATE.caPem());

      channels
          .of(NotifierType.SYSLOG)
          .send(
              new Outgoing(
                  AlertEvents.event(AlertEvent.Kind.NEW),
                  new Configuration(settings, Map.of()),
                  null,
                  null,
                  Timeouts.DEFAULT));

      @Nullable String received = peer.next(Duration.ofSeconds(5));
      assertThat(received).isEqualTo(EXPECTED);
    }
  }

  @Test
  void aResolutionIsInformationalAndStructuredDataIsEscaped() {
    AlertEvent resolved = AlertEvents.event(AlertEvent.Kind.RESOLVED);
    AlertEvent odd =
        new AlertEvent(
            resolved.kind(),
            resolved.alertId(),
            "a \"quoted\" [cluster]\\",
            resolved.subject(),
            resolved.policyId(),
            resolved.policyName(),
            resolved.severity(),
            resolved.stage(),
            resolved.messages(),
            resolved.at());

    String line = new SyslogChannel("h").render(odd, 16);

    assertThat(line)
        .startsWith("<134>1 2030-01-31T12:00:00.123456Z h bulwark - alert-resolved [alert@32473 ")
        .contains(" cluster=\"a \\\"quoted\\\" [cluster\\]\\\\\" ");
  }
}
