package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.sensor.enforcement.EnforcementRecord;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.inventory.InventoryStore;
import dev.bulwark.sensor.testing.Kube;
import dev.bulwark.sensor.testing.RecordingCentral;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryStreamTest {
  private static final StreamSettings FAST =
      new StreamSettings(
          Duration.ofMillis(20), 1_000, 3, Duration.ofMillis(10), Duration.ofMillis(50), 1 << 20);

  @TempDir Path tls;
  @TempDir Path state;
  private RecordingCentral central;
  private final List<InventoryStream> streams = new ArrayList<>();

  @BeforeEach
  void startCentral() {
    central = RecordingCentral.start(tls);
  }

  @AfterEach
  void stop() throws IOException {
    for (InventoryStream stream : streams) {
      stream.close();
    }
    central.close();
  }

  @Test
  void aResyncOfEverythingListedComesFirstThenNumberedBatchesOfChanges() throws IOException {
    InventoryStore store = new InventoryStore();
    store.upsert(Kube.namespace("shop", "ns1"));
    store.upsert(Kube.deployment("shop", "web", "d1", false));
    InventoryStream stream = stream(store, FAST);
    awaitResync(1);

    store.upsert(Kube.deployment("shop", "web", "d1", true));
    store.upsert(Kube.deployment("shop", "api", "d2", false));
    store.delete("d2");
    awaitIdle(stream);

    List<RecordingCentral.Call> applied = central.applied();
    assertThat(applied.getFirst().method()).isEqualTo("PUT");
    assertThat(uids(applied.getFirst().json().get("objects"))).containsExactly("ns1", "d1");
    List<JsonNode> changes = changes(applied.subList(1, applied.size()));
    // Of several changes to one object the last counts: d2's upsert is folded into its deletion.
    assertThat(changes)
        .extracting(change -> change.get("action").asText() + " " + uid(change.get("object")))
        .containsExactly("UPSERT d1", "DELETE d2");
    assertThat(sequences(applied)).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void batchesHoldAtMostTheLimitAndAreNumberedInOrder() throws IOException {
    InventoryStore store = new InventoryStore();
    InventoryStream stream = stream(store, FAST);
    awaitResync(1);

    for (int index = 0; index < 7; index++) {
      store.upsert(Kube.namespace("ns" + index, "n" + index));
    }
    awaitIdle(stream);

    List<RecordingCentral.Call> batches = central.applied().subList(1, central.applied().size());
    assertThat(batches).allMatch(call -> call.json().get("changes").size() <= 3);
    assertThat(changes(batches))
        .extracting(change -> uid(change.get("object")))
        .containsExactly("n0", "n1", "n2", "n3", "n4", "n5", "n6");
    assertThat(sequences(central.applied())).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void whileCentralFailsChangesWaitAndArriveInOrderAfterwards() throws IOException {
    InventoryStore store = new InventoryStore();
    InventoryStream stream = stream(store, FAST);
    awaitResync(1);
    central.failWith(503);

    store.upsert(Kube.namespace("a", "n1"));
    central.await("retries", c -> c.calls(call -> call.path().endsWith("/changes")).size() >= 3);
    store.upsert(Kube.namespace("b", "n2"));
    store.delete("n1");
    central.recover();
    awaitIdle(stream);

    assertThat(changes(central.applied().subList(1, central.applied().size())))
        .extracting(change -> change.get("action").asText() + " " + uid(change.get("object")))
        .containsExactly("UPSERT n1", "UPSERT n2", "DELETE n1");
  }

  @Test
  void aRestartedSensorResyncsAboveEveryEarlierNumberAndSendsTheEnforcementRecordsLeft()
      throws IOException {
    InventoryStore store = new InventoryStore();
    store.upsert(Kube.namespace("a", "n1"));
    InventoryStream first = stream(store, FAST);
    awaitResync(1);
    central.failWith(503);
    store.upsert(Kube.namespace("b", "n2"));
    first.flush();
    first.enforced(record());
    central.await(
        "a failed batch", c -> !c.calls(call -> call.path().endsWith("/changes")).isEmpty());
    first.close();
    streams.remove(first);
    long before =
        sequences(central.calls(call -> call.json().has("sequence"))).stream()
            .mapToLong(Long::longValue)
            .max()
            .orElseThrow();
    central.recover();

    InventoryStore restarted = new InventoryStore();
    restarted.upsert(Kube.namespace("a", "n1"));
    restarted.upsert(Kube.namespace("b", "n2"));
    InventoryStream second = stream(restarted, FAST);
    awaitIdle(second);

    List<RecordingCentral.Call> resyncs = central.calls(call -> call.method().equals("PUT"));
    assertThat(resyncs.getLast().json().get("sequence").asLong()).isGreaterThan(before);
    assertThat(uids(resyncs.getLast().json().get("objects"))).containsExactlyInAnyOrder("n1", "n2");
    List<RecordingCentral.Call> records =
        central.calls(call -> call.path().endsWith("/alerts/enforcement"));
    assertThat(records.getLast().json().get("records").get(0).get("action").asText())
        .isEqualTo("SCALE_TO_ZERO_ENFORCEMENT");
    assertThat(records.getLast().json().get("records").get(0).get("deployment").get("uid").asText())
        .isEqualTo("d1");
  }

  @Test
  void anOverflowingJournalIsDroppedForAResyncOnceCentralAnswers() throws IOException {
    InventoryStore store = new InventoryStore();
    InventoryStream stream = stream(store, withJournal(600));
    awaitResync(1);
    central.failWith(503);
    for (int index = 0; index < 10; index++) {
      store.upsert(Kube.deployment("shop", "web" + index, "d" + index, false));
      stream.flush();
    }
    central.recover();
    awaitIdle(stream);

    List<RecordingCentral.Call> resyncs = central.calls(call -> call.method().equals("PUT"));
    assertThat(resyncs).hasSizeGreaterThanOrEqualTo(2);
    assertThat(uids(resyncs.getLast().json().get("objects"))).hasSize(10);
  }

  @Test
  void aRefusedBatchIsDroppedAndAResyncFollows() throws IOException {
    InventoryStore store = new InventoryStore();
    InventoryStream stream = stream(store, FAST);
    awaitResync(1);
    central.respond(call ->
        call.path().endsWith("/changes")
            ? new RecordingCentral.Answer(422, "{\"title\":\"invalid\"}")
            : null);

    store.upsert(Kube.namespace("a", "n1"));
    central.await(
        "a resync after the refusal",
        c -> c.calls(call -> call.method().equals("PUT")).size() == 2);
    central.recover();
    awaitIdle(stream);

    assertThat(central.calls(call -> call.path().endsWith("/changes"))).hasSize(1);
    assertThat(uids(central.applied().getLast().json().get("objects"))).containsExactly("n1");
  }

  @Test
  void enforcementRecordsACentralWithoutTheEndpointRefusesAreDropped() throws IOException {
    InventoryStore store = new InventoryStore();
    InventoryStream stream = stream(store, FAST);
    awaitResync(1);
    central.respond(call ->
        call.path().endsWith("/alerts/enforcement")
            ? new RecordingCentral.Answer(404, "{\"title\":\"no route\"}")
            : null);

    stream.enforced(record());
    stream.enforced(record());
    awaitIdle(stream);

    assertThat(central.calls(call -> call.path().endsWith("/alerts/enforcement"))).hasSize(2);
  }

  private InventoryStream stream(InventoryStore store, StreamSettings settings) throws IOException {
    CentralClient client =
        new CentralClient(
            central.url(), central.cluster, "sensor-token", central.caFile, Duration.ofSeconds(5));
    InventoryStream stream =
        new InventoryStream(
            client,
            store,
            new Journal(state, settings.maxJournalBytes()),
            new Sequences(state),
            settings);
    streams.add(stream);
    stream.start();
    stream.ready();
    return stream;
  }

  private static StreamSettings withJournal(long bytes) {
    return FAST.withJournalBytes(bytes);
  }

  private void awaitResync(int count) {
    central.await(
        count + " resync(s)",
        c -> c.applied().stream().filter(call -> call.method().equals("PUT")).count() >= count);
  }

  private void awaitIdle(InventoryStream stream) {
    central.await("everything delivered", c -> stream.idle());
  }

  private static EnforcementRecord record() {
    return new EnforcementRecord(
        UUID.randomUUID(),
        new DeploymentRef("apps/v1", "Deployment", "shop", "web", "d1"),
        "privileged-container",
        EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT,
        true,
        "scaled from 1 to 0 replicas",
        Instant.parse("2026-11-27T10:00:00Z"));
  }

  private static List<JsonNode> changes(List<RecordingCentral.Call> batches) {
    List<JsonNode> changes = new ArrayList<>();
    batches.forEach(call -> call.json().get("changes").forEach(changes::add));
    return changes;
  }

  private static List<Long> sequences(List<RecordingCentral.Call> calls) {
    return calls.stream().map(call -> call.json().get("sequence").asLong()).toList();
  }

  private static List<String> uids(JsonNode objects) {
    List<String> uids = new ArrayList<>();
    objects.forEach(object -> uids.add(uid(object)));
    return uids;
  }

  private static String uid(JsonNode object) {
    return object.get("metadata").get("uid").asText();
  }
}
