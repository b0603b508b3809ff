package dev.bulwark.central.notifiers.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.secrets.Secret;
import dev.bulwark.central.testing.AlertEvents;
import dev.bulwark.central.testing.peers.HttpPeer;
import dev.bulwark.central.testing.peers.PeerCertificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every HTTPS notifier type against a real HTTPS peer, comparing the exact request. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpChannelsTest {
  private final Channels channels = new Channels(Clock.systemUTC(), "central-host");
  private PeerCertificate certificate;
  private HttpPeer peer;

  @BeforeAll
  void start() {
    certificate = PeerCertificate.create();
    peer = new HttpPeer(certificate);
  }

  @AfterAll
  void stop() {
    peer.close();
  }

  @Test
  void slackGetsBlocksWithTheAlertsFacts() throws Exception {
    send(
        NotifierType.SLACK,
        "{}",
        Map.of("webhookUrl", peer.url("/services/T0/B0/token-1")),
        AlertEvent.Kind.NEW);

    HttpPeer.Request request = last();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/services/T0/B0/token-1");
    assertThat(request.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
    assertJson(
        request.body(),
        """
        {
          "text": "Policy violated: Privileged container (cluster prod, namespace shop, Deployment/web)",
          "unfurl_links": false,
          "unfurl_media": false,
          "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": "Policy violated: Privileged container"}},
            {"type": "section", "fields": [
              {"type": "mrkdwn", "text": "*Severity*\\nHigh"},
              {"type": "mrkdwn", "text": "*Cluster*\\nprod"},
              {"type": "mrkdwn", "text": "*Namespace*\\nshop"},
              {"type": "mrkdwn", "text": "*Workload*\\nDeployment/web"},
              {"type": "mrkdwn", "text": "*Policy*\\nPrivileged container"},
              {"type": "mrkdwn", "text": "*Stage*\\nDEPLOY"}
            ]},
            {"type": "section", "text": {"type": "mrkdwn", "text": "- Container 'app' is privileged\\n- Container 'sidecar' is privileged"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": "Alert 6f1c2f5e-0000-4000-8000-000000000001 at 2030-01-31T12:00:00.123456Z"}]}
          ]
        }
        """);
  }

  @Test
  void teamsGetsAnAdaptiveCardInAMessage() throws Exception {
    send(
        NotifierType.TEAMS,
        "{}",
        Map.of("webhookUrl", peer.url("/webhookb2/abc")),
        AlertEvent.Kind.RESOLVED);

    assertThat(last().path()).isEqualTo("/webhookb2/abc");
    assertJson(
        last().body(),
        """
        {
          "type": "message",
          "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": {
              "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
              "type": "AdaptiveCard",
              "version": "1.4",
              "body": [
                {"type": "TextBlock", "size": "Large", "weight": "Bolder", "wrap": true, "text": "Alert resolved: Privileged container"},
                {"type": "FactSet", "facts": [
                  {"title": "Severity", "value": "High"},
                  {"title": "Cluster", "value": "prod"},
                  {"title": "Namespace", "value": "shop"},
                  {"title": "Workload", "value": "Deployment/web"},
                  {"title": "Policy", "value": "Privileged container"},
                  {"title": "Stage", "value": "DEPLOY"},
                  {"title": "Alert", "value": "6f1c2f5e-0000-4000-8000-000000000001"}
                ]},
                {"type": "TextBlock", "wrap": true, "text": "- Container 'app' is privileged"},
                {"type": "TextBlock", "wrap": true, "text": "- Container 'sidecar' is privileged"}
              ]
            }
          }]
        }
        """);
  }

  @Test
  void pagerDutyTriggersAndResolvesWithTheAlertIdAsDedupKey() throws Exception {
    String settings = "{\"url\": \"" + peer.url("/pd/") + "\"}";
    send(NotifierType.PAGERDUTY, settings, Map.of("routingKey", "R0UT1NG"), AlertEvent.Kind.NEW);

    assertThat(last().path()).isEqualTo("/pd/v2/enqueue");
    assertJson(
        last().body(),
        """
        {
          "routing_key": "R0UT1NG",
          "event_action": "trigger",
          "dedup_key": "6f1c2f5e-0000-4000-8000-000000000001",
          "payload": {
            "summary": "Policy violated: Privileged container in cluster prod, namespace shop, Deployment/web",
            "source": "prod/shop/Deployment/web",
            "severity": "error",
            "timestamp": "2030-01-31T12:00:00.123456Z",
            "component": "Deployment/web",
            "group": "shop",
            "class": "Privileged container",
            "custom_details": {
              "policyId": "privileged",
              "stage": "DEPLOY",
              "kind": "NEW",
              "messages": ["Container 'app' is privileged", "Container 'sidecar' is privileged"]
            }
          }
        }
        """);

    send(
        NotifierType.PAGERDUTY,
        settings,
        Map.of("routingKey", "R0UT1NG"),
        AlertEvent.Kind.RESOLVED);

    assertJson(
        last().body(),
        """
        {"routing_key": "R0UT1NG", "event_action": "resolve", "dedup_key": "6f1c2f5e-0000-4000-8000-000000000001"}
        """);
  }

  @Test
  void jiraCreatesAnIssueWithTheMappedPriorityAndTransitionsItOnResolution() throws Exception {
    String settings =
        """
        {"url": "%s", "project": "SEC", "issueType": "Bug", "username": "bot@example.com",
         "priorities": {"HIGH": "P2"}, "resolveTransitionId": "31"}
        """
            .formatted(peer.url("/jira"));
    peer.answer(201, "{\"id\": \"10001\", \"key\": \"SEC-7\", \"self\": \"x\"}");

    Optional<String> created =
        send(NotifierType.JIRA, settings, Map.of("apiToken", "t0ken"), AlertEvent.Kind.NEW);

    assertThat(created).contains("SEC-7");
    HttpPeer.Request request = last();
    assertThat(request.path()).isEqualTo("/jira/rest/api/2/issue");
    assertThat(request.headers().get("authorization"))
        .isEqualTo("Basic Ym90QGV4YW1wbGUuY29tOnQwa2Vu");
    assertJson(
        request.body(),
        """
        {"fields": {
          "project": {"key": "SEC"},
          "issuetype": {"name": "Bug"},
          "summary": "Policy violated: Privileged container (Deployment/web)",
          "description": "Policy violated: Privileged container\\n\\nSeverity: High\\nCluster: prod\\nNamespace: shop\\nWorkload: Deployment/web\\nPolicy: Privileged container (privileged)\\nStage: DEPLOY\\nAlert: 6f1c2f5e-0000-4000-8000-000000000001\\nAt: 2030-01-31T12:00:00.123456Z\\n\\nViolations:\\n- Container 'app' is privileged\\n- Container 'sidecar' is privileged\\n",
          "priority": {"name": "P2"},
          "labels": ["bulwark"]
        }}
        """);

    peer.answer(204, "");
    Channel jira = channels.of(NotifierType.JIRA);
    jira.send(
        new Outgoing(
            AlertEvents.event(AlertEvent.Kind.RESOLVED),
            configuration(settings, Map.of("apiToken", "t0ken")),
            null,
            "SEC-7",
            Timeouts.DEFAULT));

    assertThat(last().path()).isEqualTo("/jira/rest/api/2/issue/SEC-7/transitions");
    assertJson(last().body(), "{\"transition\": {\"id\": \"31\"}}");
  }

  @Test
  void jiraWithoutATransitionTakesNoResolutions() {
    Configuration configuration =
        configuration(
            "{\"url\": \"https://jira.example.com\", \"project\": \"SEC\", \"username\": \"u\"}",
            Map.of("apiToken", "t"));

    assertThat(channels.of(NotifierType.JIRA).accepts(AlertEvent.Kind.RESOLVED, configuration))
        .isFalse();
    assertThat(channels.of(NotifierType.JIRA).accepts(AlertEvent.Kind.NEW, configuration)).isTrue();
  }

  @Test
  void webhookPostsTheAlertDocumentWithHeadersAndBasicAuthentication() throws Exception {
    String settings =
        """
        {"url": "%s", "headers": {"X-Team": "platform"}, "username": "hook"}
        """
            .formatted(peer.url("/hook"));
    send(NotifierType.WEBHOOK, settings, Map.of("password", "s3cret"), AlertEvent.Kind.ATTEMPTED);

    HttpPeer.Request request = last();
    assertThat(request.path()).isEqualTo("/hook");
    assertThat(request.headers())
        .containsEntry("x-team", "platform")
        .containsEntry("authorization", "Basic aG9vazpzM2NyZXQ=");
    assertJson(request.body(), ALERT_DOCUMENT.formatted("ATTEMPTED"));
  }

  @Test
  void splunkSendsAnHecEventWithTheTokenIndexAndSourceType() throws Exception {
    String settings =
        """
        {"url": "%s", "index": "security", "sourcetype": "bulwark"}
        """
            .formatted(peer.url(""));
    send(NotifierType.SPLUNK, settings, Map.of("token", "hec-token"), AlertEvent.Kind.NEW);

    HttpPeer.Request request = last();
    assertThat(request.path()).isEqualTo("/services/collector/event");
    assertThat(request.headers().get("authorization")).isEqualTo("Splunk hec-token");
    assertJson(
        request.body(),
        """
        {"time": 1896091200.123, "source": "bulwark-central", "sourcetype": "bulwark",
         "index": "security", "event": %s}
        """
            .formatted(ALERT_DOCUMENT.formatted("NEW")));
  }

  @Test
  void serverErrorsAreRetriedAndClientErrorsAreNotAndNeitherShowsTheUrlsPath() {
    peer.answer(503, "try later");
    assertThatThrownBy(() ->
            send(
                NotifierType.SLACK,
                "{}",
                Map.of("webhookUrl", peer.url("/services/SECRET")),
                AlertEvent.Kind.NEW))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> {
              assertThat(e.permanent()).isFalse();
              assertThat(e.getMessage())
                  .isEqualTo("HTTP 503 from " + peer.url("") + ": try later")
                  .doesNotContain("SECRET");
            });

    peer.answer(404, "no_team");
    assertThatThrownBy(() ->
            send(
                NotifierType.SLACK,
                "{}",
                Map.of("webhookUrl", peer.url("/services/SECRET")),
                AlertEvent.Kind.NEW))
        .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
  }

  @Test
  void aPeerWhoseCertificateIsNotTrustedIsRefused() {
    int before = peer.requests().size();
    Configuration untrusted =
        new Configuration(
            AlertDocument.MAPPER.createObjectNode(),
            Map.of("webhookUrl", new Secret(peer.url("/services/x"))));

    assertThatThrownBy(() ->
            channels
                .of(NotifierType.SLACK)
                .send(
                    new Outgoing(
                        AlertEvents.event(AlertEvent.Kind.NEW),
                        untrusted,
                        null,
                        null,
                        Timeouts.DEFAULT)))
        .isInstanceOfSatisfying(
            DeliveryException.class,
            e -> assertThat(e.getMessage()).startsWith("cannot reach " + peer.url("")));
    assertThat(peer.requests()).hasSize(before);
  }

  @Test
  void aTargetFromAnAnnotationReplacesTheConfiguredUrl() throws Exception {
    Configuration configuration =
        configuration("{}", Map.of("webhookUrl", peer.url("/configured")));

    channels
        .of(NotifierType.SLACK)
        .send(
            new Outgoing(
                AlertEvents.event(AlertEvent.Kind.NEW),
                configuration,
                peer.url("/annotated"),
                null,
                Timeouts.DEFAULT));

    assertThat(last().path()).isEqualTo("/annotated");
  }

  static final String ALERT_DOCUMENT =
      """
      {
        "kind": "%s",
        "alertId": "6f1c2f5e-0000-4000-8000-000000000001",
        "cluster": "prod",
        "deployment": {
          "clusterId": "0c1a5e00-0000-4000-8000-000000000002",
          "uid": "uid-web",
          "namespace": "shop",
          "kind": "Deployment",
          "name": "web",
          "labels": {"app": "web"}
        },
        "policy": {"id": "privileged", "name": "Privileged container", "severity": "HIGH"},
        "stage": "DEPLOY",
        "messages": ["Container 'app' is privileged", "Container 'sidecar' is privileged"],
        "at": "2030-01-31T12:00:00.123456Z"
      }
      """;

  private Optional<String> send(
      NotifierType type, String settings, Map<String, String> secrets, AlertEvent.Kind kind)
      throws DeliveryException {
    return channels
        .of(type)
        .send(
            new Outgoing(
                AlertEvents.event(kind),
                configuration(settings, secrets),
                null,
                null,
                Timeouts.DEFAULT));
  }

  private Configuration configuration(String settings, Map<String, String> secrets) {
    ObjectNode node;
    try {
      node = (ObjectNode) AlertDocument.MAPPER.readTree(settings);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    node.put("caCertificate", certificate.caPem());
    Map<String, Secret> opened = new LinkedHashMap<>();
    secrets.forEach((name, value) -> opened.put(name, new Secret(value)));
    return new Configuration(node, opened);
  }

  private HttpPeer.Request last() {
    return peer.requests().getLast();
  }

  private static void assertJson(@Nullable String actual, String expected) throws Exception {
    JsonNode actualTree = AlertDocument.MAPPER.readTree(actual);
    JsonNode expectedTree = AlertDocument.MAPPER.readTree(expected);
    assertThat(actualTree).isEqualTo(expectedTree);
  }
}
