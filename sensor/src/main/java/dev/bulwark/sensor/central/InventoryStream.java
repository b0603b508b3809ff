package dev.bulwark.sensor.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.sensor.enforcement.EnforcementRecord;
import dev.bulwark.sensor.enforcement.EnforcementSink;
import dev.bulwark.sensor.inventory.InventoryListener;
import dev.bulwark.sensor.inventory.InventoryStore;
import dev.bulwark.sensor.inventory.ReportedObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered, durable stream from the sensor to central: inventory changes gathered into numbered
 * batches, full resyncs, and enforcement records, all delivered in order by one sender thread.
 *
 * <p>Changes of the {@link InventoryStore} gather for a moment (of several changes to one object
 * the last counts, as it would at central), then are numbered and appended to the {@link Journal},
 * which the sender delivers from; what central did not acknowledge is sent again, which central's
 * replay rule makes safe. A resync (at start, after the journal overflowed, after central refused a
 * batch) numbers a snapshot of the store under the store's lock, so every batch numbered before it
 * is contained in it (and skipped) and every batch after it holds only later changes.
 *
 * <p>Lock order: the store's lock, then {@code order}. Thread-safe.
 */
public final class InventoryStream implements InventoryListener, EnforcementSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InventoryStream.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final byte[] COMMA = {','};

  private final CentralClient central;
  private final InventoryStore store;
  private final Journal journal;
  private final Sequences sequences;
  private final StreamSettings settings;
  private final Backoff backoff;
  private final Object order = new Object();
  private final Object signal = new Object();
  private final Map<String, Change> pending = new LinkedHashMap<>();
  private final ScheduledExecutorService batcher;
  private final Thread sender;
  private final AtomicLong acknowledged = new AtomicLong();
  private @Nullable ScheduledFuture<?> flush;
  private boolean streaming;
  private volatile boolean resyncNeeded = true;
  private volatile boolean stateRead;
  private volatile boolean ready;
  private volatile boolean closed;
  private volatile boolean enforcementUnsupportedLogged;
  private long resynced;
  private long resyncRequests;

  /** One gathered change: an upsert of {@code object}, or its deletion. */
  private record Change(boolean delete, ReportedObject object) {}

  /** What became of a delivery attempt. */
  private enum Outcome {
    DELIVERED,
    DROPPED,
    RETRY
  }

  public InventoryStream(
      CentralClient central,
      InventoryStore store,
      Journal journal,
      Sequences sequences,
      StreamSettings settings) {
    this.central = central;
    this.store = store;
    this.journal = journal;
    this.sequences = sequences;
    this.settings = settings;
    this.backoff = new Backoff(settings.firstRetry(), settings.maxRetry());
    this.batcher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("sensor-batches").daemon().unstarted(runnable));
    this.sender = Thread.ofPlatform().name("sensor-sender").daemon().unstarted(this::send);
    store.addListener(this);
  }

  /** Starts delivering (journal entries of an earlier run first, after the resync). */
  public void start() {
    sender.start();
  }

  /**
   * The store holds the cluster as listed: the first resync may go. Until then nothing but
   * enforcement records would be sent, and they wait too (central knows no deployments yet).
   */
  public void ready() {
    ready = true;
    wake();
  }

  /** The last batch or resync central acknowledged in this run; 0 before any. */
  public long acknowledged() {
    return acknowledged.get();
  }

  /** Whether everything so far is delivered: no resync due, nothing gathered or journaled. */
  public boolean idle() {
    synchronized (order) {
      return !resyncNeeded && pending.isEmpty() && journal.pendingBytes() == 0;
    }
  }

  @Override
  public void upserted(@Nullable ReportedObject before, ReportedObject after) {
    gather(new Change(false, after));
  }

  @Override
  public void deleted(ReportedObject before) {
    gather(new Change(true, before));
  }

  @Override
  public void enforced(EnforcementRecord record) {
    ObjectNode body = MAPPER.createObjectNode();
    ObjectNode item = body.putArray("records").addObject();
    item.put("id", record.id().toString());
    ObjectNode deployment = item.putObject("deployment");
    deployment
        .put("uid", record.deployment().uid())
        .put("namespace", record.deployment().namespace())
        .put("kind", record.deployment().kind())
        .put("name", record.deployment().name())
        .put("apiVersion", record.deployment().apiVersion());
    item.put("policyId", record.policyId())
        .put("action", record.action().name())
        .put("applied", record.applied())
        .put("message", record.message())
        .put("at", record.at().toString());
    try {
      synchronized (order) {
        if (!journal.append(Journal.Type.ENFORCEMENT, 0, MAPPER.writeValueAsBytes(body))) {
          overflow();
          if (!journal.append(Journal.Type.ENFORCEMENT, 0, MAPPER.writeValueAsBytes(body))) {
            LOG.error("the journal is full: enforcement record {} is not sent", record.id());
          }
        }
      }
      wake();
    } catch (IOException e) {
      LOG.error("could not journal enforcement record {}: {}", record.id(), e.toString());
    }
  }

  private void gather(Change change) {
    synchronized (order) {
      if (!streaming) {
        return; // the next resync carries it
      }
      String uid = change.object().uid();
      pending.remove(uid);
      pending.put(uid, change);
      if (pending.size() >= settings.flushAt()) {
        schedule(Duration.ZERO);
      } else if (flush == null) {
        schedule(settings.coalesce());
      }
    }
  }

  private void schedule(Duration delay) {
    if (flush != null) {
      flush.cancel(false);
    }
    if (!batcher.isShutdown()) {
      flush = batcher.schedule(this::flush, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Numbers the gathered changes as batches and journals them. */
  void flush() {
    try {
      synchronized (order) {
        flush = null;
        List<Change> changes = new ArrayList<>(pending.values());
        pending.clear();
        for (int from = 0; from < changes.size() && streaming; from += settings.maxBatch()) {
          List<Change> batch =
              changes.subList(from, Math.min(changes.size(), from + settings.maxBatch()));
          long sequence = sequences.next();
          if (!journal.append(Journal.Type.BATCH, sequence, body(sequence, batch))) {
            overflow();
          }
        }
      }
      wake();
    } catch (IOException e) {
      LOG.error("could not journal inventory changes ({}); a resync will send them", e.toString());
      synchronized (order) {
        scheduleResync();
      }
    }
  }

  /**
   * The journal is full (central has been away long): what it holds is dropped and a resync, which
   * carries the whole cluster, replaces it. Until the resync, changes are not gathered.
   */
  private void overflow() throws IOException {
    LOG.warn(
        "the journal reached its bound of {} bytes while central was unreachable; dropping the"
            + " buffered changes, a full resync follows once central answers",
        settings.maxJournalBytes());
    journal.remove(entry -> entry.type() == Journal.Type.BATCH);
    scheduleResync();
  }

  /** Called holding {@code order}. */
  private void scheduleResync() {
    resyncRequests++;
    resyncNeeded = true;
    streaming = false;
    pending.clear();
    wake();
  }

  private static byte[] body(long sequence, List<Change> changes) throws IOException {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("sequence", sequence);
    ArrayNode items = body.putArray("changes");
    for (Change change : changes) {
      ObjectNode item = items.addObject();
      item.put("action", change.delete() ? "DELETE" : "UPSERT");
      JsonNode object = change.delete() ? change.object().reference() : change.object().tree();
      item.set("object", object);
    }
    return MAPPER.writeValueAsBytes(body);
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  private void await(Duration timeout) throws InterruptedException {
    synchronized (signal) {
      signal.wait(Math.max(1, timeout.toMillis()));
    }
  }

  /** The sender thread: state, resyncs and journal entries, in order, until closed. */
  private void send() {
    while (!closed) {
      try {
        if (!ready) {
          await(Duration.ofSeconds(1));
        } else if (!stateRead) {
          retryUnless(readState());
        } else if (resyncNeeded) {
          retryUnless(resync());
        } else {
          Optional<Journal.Entry> next = journal.next();
          if (next.isEmpty()) {
            await(Duration.ofSeconds(1));
          } else {
            deliver(next.get());
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.error("the sender failed ({}); retrying", e.toString(), e);
        pause();
      }
    }
  }

  private void retryUnless(boolean done) throws InterruptedException {
    if (done) {
      backoff.reset();
    } else {
      Thread.sleep(backoff.next());
    }
  }

  private void pause() {
    try {
      Thread.sleep(backoff.next());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Where central stands: later sequence numbers must be above what it acknowledged. */
  private boolean readState() throws IOException, InterruptedException {
    Optional<CentralClient.Response> response =
        call("GET", central.clusterPath("/inventory/state"), null);
    if (response.isEmpty()) {
      return false;
    }
    if (!response.get().ok()) {
      LOG.error(
          "central refused the inventory state of cluster {}: {}",
          central.cluster(),
          response.get().summary());
      return false;
    }
    long known = MAPPER.readTree(response.get().body()).path("acknowledged").asLong(0);
    sequences.atLeast(Math.max(known, journal.highestSequence()));
    stateRead = true;
    return true;
  }

  /** Sends the whole store as a resync. */
  private boolean resync() throws IOException, InterruptedException {
    Snapshot snapshot = store.snapshot(this::takeSnapshot);
    long started = System.nanoTime();
    Optional<CentralClient.Response> response =
        call(
            "PUT",
            central.clusterPath("/inventory"),
            HttpRequest.BodyPublishers.ofByteArray(gzip(snapshot.parts())),
            List.of("Content-Encoding", "gzip"));
    if (response.isEmpty()) {
      return false;
    }
    int status = response.get().status();
    if (response.get().ok()) {
      synchronized (order) {
        resynced = snapshot.sequence();
        // A resync asked for while this one was in flight (an overflow, a refused batch) still
        // has to happen.
        resyncNeeded = resyncRequests != snapshot.requests();
      }
      acknowledged.accumulateAndGet(snapshot.sequence(), Math::max);
      LOG.info(
          "resynced {} objects with central (sequence {}) in {} ms",
          snapshot.objects(),
          snapshot.sequence(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return true;
    }
    if (status == 413) {
      LOG.error(
          "central refused the resync of {} objects as too large ({}); raise central's"
              + " --max-request-bytes",
          snapshot.objects(),
          response.get().summary());
    } else if (status < 500 && status != 429) {
      LOG.error("central refused the resync: {}", response.get().summary());
    }
    return false;
  }

  /** A resync's body (in parts, not copied), its sequence and size. */
  private record Snapshot(long sequence, long requests, int objects, List<byte[]> parts) {}

  /**
   * The resync compressed: a tenth of the bytes to encrypt and send, and the native zlib at its
   * fastest level costs less than the encryption it saves (some 30 MB at 10,000 pods).
   */
  private static byte[] gzip(List<byte[]> parts) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 20);
    try (OutputStream out = new FastGzipOutputStream(compressed)) {
      for (byte[] part : parts) {
        out.write(part);
      }
    }
    return compressed.toByteArray();
  }

  /** gzip at the fastest level. */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  /** Runs under the store's lock: no change can slip between the snapshot and its number. */
  private Snapshot takeSnapshot(List<ReportedObject> objects) {
    synchronized (order) {
      long sequence;
      try {
        sequence = sequences.next();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pending.clear();
      if (flush != null) {
        flush.cancel(false);
        flush = null;
      }
      streaming = true;
      List<byte[]> parts = new ArrayList<>(objects.size() * 2 + 2);
      parts.add(("{\"sequence\":" + sequence + ",\"objects\":[").getBytes(StandardCharsets.UTF_8));
      for (int index = 0; index < objects.size(); index++) {
        if (index > 0) {
          parts.add(COMMA);
        }
        objects.get(index).writeTo(parts::add);
      }
      parts.add("]}".getBytes(StandardCharsets.UTF_8));
      return new Snapshot(sequence, resyncRequests, objects.size(), parts);
    }
  }

  private void deliver(Journal.Entry entry) throws IOException, InterruptedException {
    Outcome outcome;
    long superseded;
    synchronized (order) {
      superseded = resynced;
    }
    if (entry.type() == Journal.Type.BATCH && entry.sequence() <= superseded) {
      outcome = Outcome.DROPPED; // a later resync holds its changes
    } else if (entry.type() == Journal.Type.BATCH) {
      outcome = deliverBatch(entry);
    } else {
      outcome = deliverEnforcement(entry);
    }
    if (outcome == Outcome.RETRY) {
      Thread.sleep(backoff.next());
      return;
    }
    backoff.reset();
    journal.acknowledge(entry);
  }

  private Outcome deliverBatch(Journal.Entry entry) throws InterruptedException {
    Optional<CentralClient.Response> response =
        call(
            "POST",
            central.clusterPath("/inventory/changes"),
            HttpRequest.BodyPublishers.ofByteArray(entry.payload()));
    if (response.isEmpty() || retryable(response.get().status())) {
      return Outcome.RETRY;
    }
    if (response.get().ok()) {
      acknowledged.accumulateAndGet(entry.sequence(), Math::max);
      return Outcome.DELIVERED;
    }
    LOG.error(
        "central refused inventory batch {} ({}); dropping it, a full resync follows",
        entry.sequence(),
        response.get().summary());
    synchronized (order) {
      scheduleResync();
    }
    return Outcome.DROPPED;
  }

  private Outcome deliverEnforcement(Journal.Entry entry) throws InterruptedException {
    Optional<CentralClient.Response> response =
        call(
            "POST",
            central.clusterPath("/alerts/enforcement"),
            HttpRequest.BodyPublishers.ofByteArray(entry.payload()));
    if (response.isEmpty() || retryable(response.get().status())) {
      return Outcome.RETRY;
    }
    if (response.get().ok()) {
      return Outcome.DELIVERED;
    }
    if (response.get().status() == 404) {
      if (!enforcementUnsupportedLogged) {
        enforcementUnsupportedLogged = true;
        LOG.warn(
            "central does not record enforcement actions (404 from {}; an older central?):"
                + " enforcement records are dropped",
            central.clusterPath("/alerts/enforcement"));
      }
    } else {
      LOG.error("central refused an enforcement record: {}", response.get().summary());
    }
    return Outcome.DROPPED;
  }

  private static boolean retryable(int status) {
    return status >= 500 || status == 429 || status == 408;
  }

  /** One call; empty when central could not be reached (logged). */
  private Optional<CentralClient.Response> call(
      String method, String path, HttpRequest.@Nullable BodyPublisher body)
      throws InterruptedException {
    return call(method, path, body, List.of());
  }

  private Optional<CentralClient.Response> call(
      String method, String path, HttpRequest.@Nullable BodyPublisher body, List<String> headers)
      throws InterruptedException {
    try {
      Optional<CentralClient.Response> response =
          Optional.of(central.send(method, path, body, headers));
      if (retryable(response.get().status())) {
        LOG.warn(
            "central answered {} {} with {}; retrying", method, path, response.get().summary());
      }
      return response;
    } catch (IOException e) {
      LOG.warn("central is unreachable ({} {}: {}); retrying", method, path, e.toString());
      return Optional.empty();
    }
  }

  /** Journals what is gathered, stops the sender; undelivered entries stay for the next run. */
  @Override
  public void close() throws IOException {
    flush();
    closed = true;
    batcher.shutdownNow();
    sender.interrupt();
    try {
      sender.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.close();
  }
}
