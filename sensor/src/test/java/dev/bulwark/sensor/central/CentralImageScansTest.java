package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataJson;
import dev.bulwark.sensor.images.ImageKey;
import dev.bulwark.sensor.testing.RecordingCentral;
import dev.bulwark.testsupport.time.MovableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asking central for the scan data of the images in use (a recording central with a TLS port): what
 * is asked when, what is kept when central has nothing or is away, and what is told as changed.
 */
class CentralImageScansTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration REFRESH = Duration.ofMinutes(5);
  private static final ImageKey RUNNING = new ImageKey("shop/web:1.0", "sha256:" + "a".repeat(64));
  private static final ImageKey TAG = new ImageKey("shop/api:2.0", null);

  @TempDir Path tls;
  @TempDir Path state;
  private RecordingCentral central;
  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Map<String, ImageData> centralKnows = new ConcurrentHashMap<>();
  private final List<Set<ImageKey>> told = new ArrayList<>();
  private CentralImageScans scans;

  @BeforeEach
  void start() throws IOException {
    central = RecordingCentral.start(tls);
    central.respond(call -> call.path().endsWith("/images/scans") ? answer(call.json()) : null);
    scans = scans();
  }

  private CentralImageScans scans() throws IOException {
    return new CentralImageScans(
        new CentralClient(
            central.url(), central.cluster, "sensor-token", central.caFile, Duration.ofSeconds(10)),
        state,
        clock,
        REFRESH,
        told::add);
  }

  @AfterEach
  void stop() {
    scans.close();
    central.close();
  }

  @Test
  void knownDataIsKeptUntilTheRefreshWhileMissingDataIsAskedForAgainWithBackoff() {
    centralKnows.put(RUNNING.digest(), data("openssl"));
    scans.inUse(Set.of(RUNNING, TAG));

    scans.poll();

    assertThat(asked()).singleElement().asList().containsExactlyInAnyOrder(RUNNING, TAG);
    assertThat(scans.get(RUNNING)).hasValue(data("openssl"));
    assertThat(scans.get(new ImageKey("renamed/web:latest", RUNNING.digest())))
        .hasValue(data("openssl"));
    assertThat(scans.get(TAG)).isEmpty();
    assertThat(told).containsExactly(Set.of(RUNNING));

    scans.poll();
    clock.advance(CentralImageScans.FIRST_RETRY);
    scans.poll();
    clock.advance(CentralImageScans.FIRST_RETRY);
    scans.poll(); // the second miss waits twice as long
    centralKnows.put(TAG.name(), data("zlib"));
    clock.advance(CentralImageScans.FIRST_RETRY);
    scans.poll();

    assertThat(asked()).hasSize(3);
    assertThat(asked().subList(1, 3)).containsExactly(List.of(TAG), List.of(TAG));
    assertThat(scans.get(TAG)).hasValue(data("zlib"));
    assertThat(told).containsExactly(Set.of(RUNNING), Set.of(TAG));

    clock.advance(REFRESH);
    centralKnows.put(RUNNING.digest(), data("openssl", "libssl3"));
    scans.poll();

    assertThat(asked().getLast()).containsExactlyInAnyOrder(RUNNING, TAG);
    assertThat(told.getLast()).containsExactly(RUNNING);
    assertThat(scans.get(RUNNING)).hasValue(data("openssl", "libssl3"));
  }

  @Test
  void whileCentralIsAwayWhatIsKnownStaysAndTheAskingResumesAfterTheFirstRetry() {
    centralKnows.put(RUNNING.digest(), data("openssl"));
    scans.inUse(Set.of(RUNNING));
    scans.poll();
    clock.advance(REFRESH);
    central.failWith(503);

    scans.poll();
    central.respond(call -> call.path().endsWith("/images/scans") ? answer(call.json()) : null);
    clock.advance(CentralImageScans.FIRST_RETRY.minusSeconds(1));
    scans.poll();

    assertThat(scans.get(RUNNING)).hasValue(data("openssl"));
    assertThat(central.calls()).hasSize(2);

    clock.advance(Duration.ofSeconds(1));
    scans.poll();

    assertThat(central.calls()).hasSize(3);
    assertThat(told).containsExactly(Set.of(RUNNING));
  }

  @Test
  void aRestartWhileCentralIsAwayEvaluatesWithTheCachedData() throws IOException {
    centralKnows.put(RUNNING.digest(), data("openssl"));
    scans.inUse(Set.of(RUNNING));
    scans.poll();
    scans.close();
    central.failWith(503);

    try (CentralImageScans restarted = scans()) {
      restarted.loadCache();
      restarted.poll();

      assertThat(restarted.get(RUNNING)).hasValue(data("openssl"));
      assertThat(central.calls()).hasSize(2); // the cached image was asked for again at once

      restarted.inUse(Set.of(TAG));
      assertThat(restarted.get(RUNNING)).as("no longer in use").isEmpty();
    }
  }

  @Test
  void aCacheFileThatDoesNotReadIsIgnored() throws IOException {
    Files.writeString(state.resolve(CentralImageScans.CACHE_FILE), "{\"images\": 1}");

    scans.loadCache();
    scans.inUse(Set.of(RUNNING));

    assertThat(scans.get(RUNNING)).isEmpty();
  }

  @Test
  void anAnswerThatDoesNotReadChangesNothing() {
    centralKnows.put(RUNNING.digest(), data("openssl"));
    scans.inUse(Set.of(RUNNING));
    scans.poll();
    clock.advance(REFRESH);
    central.respond(call ->
        new RecordingCentral.Answer(
            200,
            "{\"images\": [{\"name\": \"x\", \"digest\": \""
                + RUNNING.digest()
                + "\", \"data\": {}}]}"));

    scans.poll();

    assertThat(scans.get(RUNNING)).hasValue(data("openssl"));
    assertThat(told).containsExactly(Set.of(RUNNING));
  }

  @Test
  void dataGoneAtCentralGoesHereTooAndImagesNoLongerInUseAreForgotten() {
    centralKnows.put(RUNNING.digest(), data("openssl"));
    centralKnows.put(TAG.name(), data("zlib"));
    scans.inUse(Set.of(RUNNING, TAG));
    scans.poll();

    centralKnows.remove(RUNNING.digest());
    clock.advance(REFRESH);
    scans.poll();
    scans.inUse(Set.of(RUNNING));

    assertThat(scans.get(RUNNING)).isEmpty();
    assertThat(scans.get(TAG)).isEmpty();
    assertThat(told).containsExactly(Set.of(RUNNING, TAG), Set.of(RUNNING));
  }

  @Test
  void manyImagesAreAskedForInBatchesCentralAccepts() {
    Set<ImageKey> many = new HashSet<>();
    for (int index = 0; index < 1500; index++) {
      many.add(new ImageKey("shop/app-" + index + ":1", null));
    }
    scans.inUse(many);

    scans.poll();

    assertThat(asked()).hasSize(15).allSatisfy(batch -> assertThat(batch).hasSize(100));
  }

  private List<List<ImageKey>> asked() {
    List<List<ImageKey>> asked = new ArrayList<>();
    for (RecordingCentral.Call call :
        central.calls(call -> call.path().endsWith("/images/scans"))) {
      List<ImageKey> keys = new ArrayList<>();
      for (JsonNode image : call.json().get("images")) {
        JsonNode digest = image.get("digest");
        keys.add(
            new ImageKey(image.get("name").asText(), digest.isNull() ? null : digest.asText()));
      }
      asked.add(keys);
    }
    return asked;
  }

  /** As central answers: the images it has data of, by digest else by name. */
  private RecordingCentral.Answer answer(JsonNode query) {
    ObjectNode body = MAPPER.createObjectNode();
    ArrayNode images = body.putArray("images");
    for (JsonNode image : query.get("images")) {
      JsonNode digest = image.get("digest");
      ImageData data =
          centralKnows.get(digest.isNull() ? image.get("name").asText() : digest.asText());
      if (data != null) {
        ObjectNode entry = images.addObject();
        entry.set("name", image.get("name"));
        entry.set("digest", digest);
        ImageDataJson.write(entry.putObject("data"), data);
      }
    }
    return new RecordingCentral.Answer(200, body.toString());
  }

  private static ImageData data(String... components) {
    return new ImageData(
        true,
        "debian:12",
        null,
        Map.of(),
        Arrays.stream(components).map(name -> new ImageComponent(name, "1")).toList(),
        List.of(),
        List.of(),
        null,
        null,
        List.of());
  }
}
