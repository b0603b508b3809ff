package dev.bulwark.sensor.central;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.json.StrictJson.MalformedJsonException;
import dev.bulwark.sensor.images.ImageKey;
import dev.bulwark.sensor.images.ImageScans;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scan data from central ({@code POST /v1/clusters/{id}/images/scans}), kept in memory for the
 * images in use. An image is asked for as soon as a deployment uses it; while central has no scan
 * of it (not scanned yet, or failing) it is asked again after {@link #FIRST_RETRY}, doubling up to
 * the refresh period; once known it is asked again every refresh period, since central rescans when
 * its vulnerability data changes. Central unreachable: what is known stays, and the asking resumes
 * after {@link #FIRST_RETRY}. What is known is also written to {@value #CACHE_FILE} in the state
 * directory, so that a sensor restarted while central is away still evaluates image policies with
 * it. Tells {@code changed} of the images whose data arrived, changed or went, on the polling
 * thread. Thread-safe.
 */
public final class CentralImageScans implements ImageScans, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CentralImageScans.class);
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  /** The wait before asking again for an image central had no scan of, or after a failure. */
  static final Duration FIRST_RETRY = Duration.ofSeconds(10);

  /** At most this many images per request (central's limit). */
  static final int MAX_IMAGES = 100;

  static final String CACHE_FILE = "images.json";

  private final CentralClient central;
  private final Path cache;
  private final Clock clock;
  private final Duration refresh;
  private final Consumer<Set<ImageKey>> changed;
  private final ScheduledExecutorService timer;
  private final Map<String, Entry> entries = new HashMap<>();
  private final ImageScanDocuments documents = new ImageScanDocuments();
  private boolean failing;

  /** What is known of one image and when to ask next. */
  private record Entry(ImageKey key, @Nullable ImageData data, Instant nextAsk, int misses) {}

  /**
   * @param stateDirectory where {@value #CACHE_FILE} is kept
   * @param refresh how long known data is used before it is asked for again
   * @param changed told of the images whose data arrived, changed or went
   */
  public CentralImageScans(
      CentralClient central,
      Path stateDirectory,
      Clock clock,
      Duration refresh,
      Consumer<Set<ImageKey>> changed) {
    this.central = central;
    this.cache = stateDirectory.resolve(CACHE_FILE);
    this.clock = clock;
    this.refresh = refresh;
    this.changed = changed;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("sensor-images").daemon().unstarted(runnable));
  }

  @Override
  public synchronized Optional<ImageData> get(ImageKey image) {
    Entry entry = entries.get(image.identity());
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.data());
  }

  @Override
  public synchronized void inUse(Set<ImageKey> images) {
    Map<String, ImageKey> used = new HashMap<>();
    images.forEach(image -> used.putIfAbsent(image.identity(), image));
    entries.keySet().retainAll(used.keySet());
    Instant now = clock.instant();
    used.forEach((identity, image) ->
        entries.computeIfAbsent(identity, unused -> new Entry(image, null, now, 0)));
  }

  /**
   * Reads what the last run knew; every image of it is asked for again at the first poll, and is
   * forgotten once the evaluation no longer uses it.
   */
  public synchronized void loadCache() {
    if (!Files.exists(cache)) {
      return;
    }
    try (InputStream in = Files.newInputStream(cache)) {
      Map<ImageKey, ImageData> cached = documents.read(in);
      Instant now = clock.instant();
      cached.forEach((key, data) -> entries.put(key.identity(), new Entry(key, data, now, 0)));
      LOG.info(
          "evaluating with the scan data of {} cached images until central answers", cached.size());
    } catch (IOException | MalformedJsonException | RuntimeException e) {
      LOG.warn("ignoring the cached image scan data {}: {}", cache, e.getMessage());
    }
  }

  /** Asks every {@code period} for the images that are due. */
  public void start(Duration period) {
    Repeating.every(timer, period, "asking central for image scan data", this::poll);
  }

  /** Asks central once for every image that is due. */
  public void poll() {
    List<ImageKey> due = due();
    Set<ImageKey> changedNow = new HashSet<>();
    for (int from = 0; from < due.size(); from += MAX_IMAGES) {
      List<ImageKey> batch = due.subList(from, Math.min(due.size(), from + MAX_IMAGES));
      Optional<Map<String, ImageData>> answer = ask(batch);
      if (answer.isEmpty()) {
        postpone(batch);
        break;
      }
      changedNow.addAll(record(batch, answer.get()));
    }
    if (!changedNow.isEmpty()) {
      write();
      try {
        changed.accept(changedNow);
      } catch (RuntimeException e) {
        LOG.error("re-evaluating for new image data failed: {}", e.toString(), e);
      }
    }
  }

  private synchronized List<ImageKey> due() {
    Instant now = clock.instant();
    return entries.values().stream()
        .filter(entry -> !entry.nextAsk().isAfter(now))
        .map(Entry::key)
        .toList();
  }

  /** The image data central has of the batch, by identity; empty when central did not answer. */
  private Optional<Map<String, ImageData>> ask(List<ImageKey> batch) {
    CentralClient.Response response;
    try {
      response =
          central.send(
              "POST", central.clusterPath("/images/scans"), MAPPER.writeValueAsBytes(query(batch)));
    } catch (IOException e) {
      fail("central is unreachable: " + e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (!response.ok()) {
      fail(response.summary());
      return Optional.empty();
    }
    try {
      Map<String, ImageData> found = new HashMap<>();
      documents
          .read(new ByteArrayInputStream(response.body()))
          .forEach((key, data) -> found.put(key.identity(), data));
      failing = false;
      return Optional.of(found);
    } catch (IOException | MalformedJsonException e) {
      fail("central's image data does not read: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes what is known, replacing the cache file at once. */
  private void write() {
    Map<ImageKey, ImageData> known = new LinkedHashMap<>();
    synchronized (this) {
      for (Entry entry : entries.values()) {
        ImageData data = entry.data();
        if (data != null) {
          known.put(entry.key(), data);
        }
      }
    }
    Path temporary = cache.resolveSibling(CACHE_FILE + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        ImageScanDocuments.write(out, known);
      }
      Files.move(
          temporary, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.warn("could not cache image scan data in {}: {}", cache, e.toString());
    }
  }

  private static ObjectNode query(List<ImageKey> batch) {
    ObjectNode query = MAPPER.createObjectNode();
    ArrayNode images = query.putArray("images");
    batch.forEach(key -> images.addObject().put("name", key.name()).put("digest", key.digest()));
    return query;
  }

  /** Stores an answer; returns the images whose data arrived, changed or went. */
  private synchronized Set<ImageKey> record(List<ImageKey> batch, Map<String, ImageData> found) {
    Instant now = clock.instant();
    Set<ImageKey> changedNow = new HashSet<>();
    for (ImageKey key : batch) {
      Entry entry = entries.get(key.identity());
      if (entry == null) {
        continue; // no longer in use
      }
      ImageData data = found.get(key.identity());
      if (!Objects.equals(data, entry.data())) {
        changedNow.add(key);
      }
      entries.put(
          key.identity(),
          data != null
              ? new Entry(key, data, now.plus(refresh), 0)
              : new Entry(key, null, now.plus(retry(entry.misses())), entry.misses() + 1));
    }
    return changedNow;
  }

  private synchronized void postpone(List<ImageKey> batch) {
    Instant next = clock.instant().plus(FIRST_RETRY);
    for (ImageKey key : batch) {
      entries.computeIfPresent(
          key.identity(), (identity, entry) -> new Entry(key, entry.data(), next, entry.misses()));
    }
  }

  /** The wait after {@code misses} answers without data: doubling, at most the refresh period. */
  Duration retry(int misses) {
    Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(misses, 16));
    return wait.compareTo(refresh) > 0 ? refresh : wait;
  }

  private void fail(String reason) {
    if (!failing) {
      LOG.warn("cannot fetch image scan data from central ({}); keeping what is known", reason);
    }
    failing = true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
