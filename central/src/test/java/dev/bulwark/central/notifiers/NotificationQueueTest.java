package dev.bulwark.central.notifiers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.central.alerts.AlertEvent;
import dev.bulwark.central.notifiers.channel.AlertDocument;
import dev.bulwark.central.notifiers.channel.Channels;
import dev.bulwark.central.notifiers.channel.NotifierType;
import dev.bulwark.central.notifiers.channel.Timeouts;
import dev.bulwark.central.secrets.SecretBox;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.testing.AlertEvents;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.peers.HttpPeer;
import dev.bulwark.central.testing.peers.PeerCertificate;
import dev.bulwark.testsupport.time.MovableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The queue and the dispatcher on a real database with real HTTPS peers: deduplication, retries
 * with backoff, giving up, independence of notifiers, annotation targets, and secrets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationQueueTest {
  private static final PeerCertificate CERTIFICATE = PeerCertificate.create();

  private Database database;
  private Jdbi jdbi;
  private final MovableClock clock = new MovableClock(Instant.parse("2030-01-31T12:00:00Z"));
  private final SecretBox box = new SecretBox(new byte[32]);
  private NotifierStore store;
  private NotificationQueue queue;
  private NotificationDispatcher dispatcher;
  private HttpPeer peer;

  @BeforeAll
  void open() throws Exception {
    database = Database.open(TestDatabases.fresh(), 6);
    jdbi = database.jdbi();
  }

  @AfterAll
  void close() {
    database.close();
  }

  @BeforeEach
  void setUp() {
    jdbi.useHandle(handle -> {
      handle.execute("DELETE FROM notifiers");
      handle.execute("DELETE FROM policies");
    });
    Channels channels = new Channels(clock, "central-host");
    store = new NotifierStore(jdbi, box, clock);
    queue = new NotificationQueue(jdbi, channels, clock);
    dispatcher =
        new NotificationDispatcher(
            queue,
            store,
            channels,
            new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5), () -> 0.5),
            new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
            clock);
    peer = new HttpPeer(CERTIFICATE);
  }

  @AfterEach
  void tearDown() {
    dispatcher.close();
    peer.close();
  }

  @Test
  void anEventPublishedTwiceIsDeliveredOnce() throws Exception {
    Notifier webhook = webhook("hook", peer.url("/hook"));
    policy("privileged", webhook.id().toString());

    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    dispatcher.run();
    dispatcher.run();

    assertThat(peer.requests()).hasSize(1);
    assertThat(rows()).containsExactly(new Row("SENT", 1));
    assertThat(store.find(webhook.id()).orElseThrow().status().state()).isEqualTo("healthy");
  }

  @Test
  void aPolicyMayNameItsNotifierByNameAndAnUnknownOneIsIgnored() throws Exception {
    webhook("by-name", peer.url("/hook"));
    policy("privileged", "by-name", "no-such-notifier");

    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    dispatcher.run();

    assertThat(peer.requests()).hasSize(1);
  }

  @Test
  void anEventOfAPolicyWithoutNotifiersQueuesNothing() {
    webhook("unused", peer.url("/hook"));
    policy("privileged");

    publish(AlertEvents.event(AlertEvent.Kind.NEW));

    assertThat(rows()).isEmpty();
  }

  @Test
  void failuresAreRetriedWithBackoffUntilTheyPass() throws Exception {
    Notifier webhook = webhook("flaky", peer.url("/hook"));
    policy("privileged", webhook.id().toString());
    peer.answer(500, "down").answer(500, "still down");

    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    dispatcher.run();
    assertThat(store.find(webhook.id()).orElseThrow().status().state()).isEqualTo("failing");
    dispatcher.run();
    assertThat(peer.requests()).as("the retry waits for its backoff").hasSize(1);
    clock.advance(Duration.ofSeconds(30));
    dispatcher.run();
    assertThat(peer.requests()).as("the second attempt waits 60 s").hasSize(2);
    clock.advance(Duration.ofSeconds(60));
    dispatcher.run();

    assertThat(peer.requests()).hasSize(3);
    assertThat(peer.requests())
        .extracting(HttpPeer.Request::body)
        .containsOnly(peer.requests().getFirst().body());
    assertThat(rows()).containsExactly(new Row("SENT", 3));
    Notifier.Status status = store.find(webhook.id()).orElseThrow().status();
    assertThat(status.state()).isEqualTo("healthy");
    assertThat(status.lastError()).isEqualTo("HTTP 500 from " + peer.url("") + ": still down");
    assertThat(status.pending()).isZero();
  }

  @Test
  void aDeliveryThatKeepsFailingIsGivenUpAndReported() throws Exception {
    Notifier webhook = webhook("broken", peer.url("/hook"));
    policy("privileged", webhook.id().toString());
    peer.answerAlways(502, "bad gateway");

    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    for (int i = 0; i < 5; i++) {
      dispatcher.run();
      clock.advance(Duration.ofMinutes(10));
    }

    assertThat(peer.requests()).hasSize(3);
    assertThat(rows()).containsExactly(new Row("GAVE_UP", 3));
    Notifier.Status status = store.find(webhook.id()).orElseThrow().status();
    assertThat(status.state()).isEqualTo("failing");
    assertThat(status.consecutiveFailures()).isEqualTo(3);
    assertThat(status.gaveUp()).isEqualTo(1);
    assertThat(status.pending()).isZero();
  }

  @Test
  void aClientErrorIsGivenUpAtOnce() throws Exception {
    Notifier webhook = webhook("refusing", peer.url("/hook"));
    policy("privileged", webhook.id().toString());
    peer.answer(401, "who are you");

    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    dispatcher.run();

    assertThat(rows()).containsExactly(new Row("GAVE_UP", 1));
  }

  @Test
  void aSlowNotifierDoesNotDelayAnother() throws Exception {
    try (HttpPeer slow = new HttpPeer(CERTIFICATE)) {
      slow.answerAfter(Duration.ofSeconds(3), 200, "late");
      Notifier slowHook = webhook("slow", slow.url("/slow"));
      Notifier fastHook = webhook("fast", peer.url("/fast"));
      policy("privileged", slowHook.id().toString(), fastHook.id().toString());

      publish(AlertEvents.event(AlertEvent.Kind.NEW));
      Instant started = Instant.now();
      dispatcher.run();

      assertThat(peer.requests()).hasSize(1);
      assertThat(Duration.between(started, peer.requests().getFirst().at()))
          .isLessThan(Duration.ofSeconds(1));
      assertThat(store.find(slowHook.id()).orElseThrow().status().lastError())
          .startsWith("no answer from " + slow.url(""));
      assertThat(store.find(fastHook.id()).orElseThrow().status().state()).isEqualTo("healthy");
    }
  }

  @Test
  void aFailingNotifierStopsForTheRunWhileOthersSendEverything() throws Exception {
    try (HttpPeer failing = new HttpPeer(CERTIFICATE)) {
      failing.answerAlways(503, "busy");
      Notifier bad = webhook("bad", failing.url("/bad"));
      Notifier good = webhook("good", peer.url("/good"));
      policy("privileged", bad.id().toString(), good.id().toString());

      for (int i = 0; i < 5; i++) {
        publish(AlertEvents.event(AlertEvent.Kind.NEW, UUID.randomUUID(), Map.of(), Map.of()));
      }
      dispatcher.run();

      assertThat(peer.requests()).hasSize(5);
      assertThat(failing.requests()).as("one attempt, then the notifier backs off").hasSize(1);
      assertThat(store.find(bad.id()).orElseThrow().status().pending()).isEqualTo(5);
    }
  }

  @Test
  void aResolutionWaitsForItsAlertsEarlierDelivery() throws Exception {
    Notifier webhook = webhook("ordered", peer.url("/hook"));
    policy("privileged", webhook.id().toString());
    peer.answer(500, "down");

    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    publish(AlertEvents.event(AlertEvent.Kind.RESOLVED));
    dispatcher.run();
    clock.advance(Duration.ofMinutes(1));
    dispatcher.run();

    assertThat(peer.requests())
        .extracting(request -> AlertDocument.MAPPER.readTree(request.body()).get("kind").asText())
        .containsExactly("NEW", "NEW", "RESOLVED");
  }

  @Test
  void theTargetComesFromTheDeploymentThenTheNamespaceThenTheSettings() throws Exception {
    ObjectNode settings = AlertDocument.MAPPER.createObjectNode();
    settings.put("caCertificate", CERTIFICATE.caPem());
    Notifier slack =
        store.create(
            new NotifierDraft(
                "annotated",
                NotifierType.SLACK,
                settings,
                Map.of("webhookUrl", peer.url("/default")),
                "example.com/alert-hook"),
            "test");
    policy("privileged", slack.id().toString());

    publish(
        AlertEvents.event(
            AlertEvent.Kind.NEW,
            UUID.randomUUID(),
            Map.of("example.com/alert-hook", peer.url("/deployment")),
            Map.of("example.com/alert-hook", peer.url("/namespace"))));
    publish(
        AlertEvents.event(
            AlertEvent.Kind.NEW,
            UUID.randomUUID(),
            Map.of(),
            Map.of("example.com/alert-hook", peer.url("/namespace"))));
    publish(AlertEvents.event(AlertEvent.Kind.NEW, UUID.randomUUID(), Map.of(), Map.of()));
    dispatcher.run();

    assertThat(peer.requests())
        .extracting(HttpPeer.Request::path)
        .containsExactlyInAnyOrder("/deployment", "/namespace", "/default");
  }

  @Test
  void deliveriesSurviveARestart() throws Exception {
    Notifier webhook = webhook("durable", peer.url("/hook"));
    policy("privileged", webhook.id().toString());
    publish(AlertEvents.event(AlertEvent.Kind.NEW));

    Channels channels = new Channels(clock, "another-replica");
    try (NotificationDispatcher another =
        new NotificationDispatcher(
            new NotificationQueue(jdbi, channels, clock),
            new NotifierStore(jdbi, box, clock),
            channels,
            RetryPolicy.standard(),
            Timeouts.DEFAULT,
            clock)) {
      another.run();
    }

    assertThat(peer.requests()).hasSize(1);
  }

  @Test
  void secretsAreSealedAndAPeerEchoingOneDoesNotPutItInTheStatus() throws Exception {
    Notifier webhook = webhook("echo", peer.url("/hook"));
    policy("privileged", webhook.id().toString());
    peer.answer(500, "bad password hunter22");

    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    dispatcher.run();

    byte[] sealed =
        jdbi.withHandle(handle ->
            handle
                .createQuery("SELECT secrets FROM notifiers WHERE id = :id")
                .bind("id", webhook.id())
                .mapTo(byte[].class)
                .one());
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("hunter22");
    assertThat(store.find(webhook.id()).orElseThrow().status().lastError())
        .isEqualTo("HTTP 500 from " + peer.url("") + ": bad password [secret]");
  }

  @Test
  void theLogNamesTheFailureButNeitherTheSecretsNorTheUrlsPath() throws Exception {
    Notifier webhook = webhook("logged", peer.url("/hook/tok3n-in-path"));
    policy("privileged", webhook.id().toString());
    peer.answer(401, "wrong password hunter22");
    publish(AlertEvents.event(AlertEvent.Kind.NEW));

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      dispatcher.run();
    } finally {
      System.setOut(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("notifier 'logged' gave up on " + AlertEvents.ALERT + ":NEW after 1 attempt(s)")
        .contains("HTTP 401 from " + peer.url("") + ": wrong password [secret]")
        .doesNotContain("hunter22")
        .doesNotContain("tok3n");
  }

  @Test
  void aJiraResolutionTransitionsTheIssueCreatedForItsAlert() throws Exception {
    ObjectNode settings = AlertDocument.MAPPER.createObjectNode();
    settings.put("url", peer.url("/jira"));
    settings.put("project", "SEC");
    settings.put("username", "bot");
    settings.put("resolveTransitionId", "41");
    settings.put("caCertificate", CERTIFICATE.caPem());
    Notifier jira =
        store.create(
            new NotifierDraft("jira", NotifierType.JIRA, settings, Map.of("apiToken", "t"), null),
            "test");
    policy("privileged", jira.id().toString());
    peer.answer(201, "{\"id\": \"1\", \"key\": \"SEC-12\"}").answer(204, "");

    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    publish(AlertEvents.event(AlertEvent.Kind.RESOLVED));
    dispatcher.run();

    assertThat(peer.requests())
        .extracting(HttpPeer.Request::path)
        .containsExactly("/jira/rest/api/2/issue", "/jira/rest/api/2/issue/SEC-12/transitions");
    assertThat(rows()).containsExactly(new Row("SENT", 1), new Row("SENT", 1));
  }

  @Test
  void finishedDeliveriesArePrunedAfterAWeek() throws Exception {
    Notifier webhook = webhook("pruned", peer.url("/hook"));
    policy("privileged", webhook.id().toString());
    publish(AlertEvents.event(AlertEvent.Kind.NEW));
    dispatcher.run();

    clock.advance(Duration.ofDays(8));
    dispatcher.run();

    assertThat(rows()).isEmpty();
  }

  private Notifier webhook(String name, String url) {
    ObjectNode settings = AlertDocument.MAPPER.createObjectNode();
    settings.put("url", url);
    settings.put("username", "bulwark");
    settings.put("caCertificate", CERTIFICATE.caPem());
    return store.create(
        new NotifierDraft(
            name, NotifierType.WEBHOOK, settings, Map.of("password", "hunter22"), null),
        "test");
  }

  private void policy(String id, String... notifiers) {
    ObjectNode policy = AlertDocument.MAPPER.createObjectNode();
    policy.put("id", id);
    policy.put("name", id);
    var list = policy.putArray("notifiers");
    for (String notifier : notifiers) {
      list.add(notifier);
    }
    jdbi.useHandle(handle ->
        handle
            .createUpdate(
                "INSERT INTO policies (id, name, policy, disabled, created_at, updated_at,"
                    + " updated_by) VALUES (:id, :id, CAST(:policy AS jsonb), false, now(), now(),"
                    + " 'test')")
            .bind("id", id)
            .bind("policy", policy.toString())
            .execute());
  }

  private void publish(AlertEvent event) {
    jdbi.useTransaction(handle -> queue.published(handle, List.of(event)));
  }

  record Row(String state, int attempts) {}

  private List<Row> rows() {
    return jdbi.withHandle(handle ->
        handle
            .createQuery("SELECT state, attempts FROM notification_deliveries ORDER BY id")
            .map((rows, context) -> new Row(rows.getString("state"), rows.getInt("attempts")))
            .list());
  }
}
