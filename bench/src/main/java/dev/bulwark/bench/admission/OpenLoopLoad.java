package dev.bulwark.bench.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;

/**
 * Sends AdmissionReviews at a fixed rate over HTTPS (HTTP/1.1, keep-alive connections, as many as
 * requests awaiting an answer, up to {@code maxInFlight}): each request is due at a fixed time
 * ({@link LoadSettings#dueNanos}) and is sent then whether or not earlier ones were answered, and
 * its latency runs from when it was due, so that a slow controller cannot slow the load down and
 * hide its own latency (coordinated omission). One run per instance; not thread-safe.
 */
public final class OpenLoopLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  /** The latency the controller should stay under (issue 5: p99 under 5 ms), for the timeline. */
  private static final long SLOW_MICROS = TimeUnit.MILLISECONDS.toMicros(5);

  private static final Duration START_DELAY = Duration.ofMillis(100);

  private final Controller controller;
  private final List<ReviewBody> mix;
  private final LoadSettings settings;
  private final Recorder latencies = new Recorder(HIGHEST_MICROS, 3);
  private final Semaphore inFlight;
  private final AtomicInteger current = new AtomicInteger();
  private final LongAdder answeredInWindow = new LongAdder();
  private final Tally tally = new Tally();
  private final AtomicReference<@Nullable String> firstError = new AtomicReference<>();
  private final Timeline timeline;
  private int mostInFlight;
  private long start;
  private long windowStart;
  private long windowEnd;

  private OpenLoopLoad(Controller controller, List<ReviewBody> mix, LoadSettings settings) {
    this.controller = controller;
    this.mix = List.copyOf(mix);
    this.settings = settings;
    this.inFlight = new Semaphore(settings.maxInFlight());
    this.timeline =
        new Timeline(
            (int) (settings.warmUp().toSeconds() + settings.duration().toSeconds() + 1),
            SLOW_MICROS);
  }

  /** Runs the load against {@code controller} and waits for every answer. */
  public static LoadResult run(Controller controller, List<ReviewBody> mix, LoadSettings settings)
      throws IOException, InterruptedException {
    return new OpenLoopLoad(controller, mix, settings).run();
  }

  private LoadResult run() throws IOException, InterruptedException {
    try (HttpsConnections client =
        new HttpsConnections(
            controller.url(),
            trusting(controller.caPem()),
            settings.maxInFlight(),
            settings.timeout())) {
      return send(client);
    }
  }

  private LoadResult send(HttpsConnections client) throws InterruptedException {
    // The first sample loads the management classes: not while requests are due.
    CpuSample.take(controller);
    Random order = new Random(settings.seed());
    long run = order.nextLong();
    start = System.nanoTime() + START_DELAY.toNanos();
    windowStart = start + settings.warmUp().toNanos();
    windowEnd = windowStart + settings.duration().toNanos();
    long requests = settings.requests();
    long sent = 0;
    long late = 0;
    CpuSample first = null;
    for (long index = 0; index < requests; index++) {
      long due = start + settings.dueNanos(index);
      boolean measured = due >= windowStart;
      if (measured && first == null) {
        first = CpuSample.take(controller);
      }
      waitUntil(due);
      inFlight.acquire();
      if (System.nanoTime() - due > LATE_NANOS && measured) {
        late++;
      }
      ReviewBody body = mix.get(order.nextInt(mix.size()));
      String uid = ReviewBody.uid(run, index);
      int waiting = current.incrementAndGet();
      if (measured) {
        sent++;
        mostInFlight = Math.max(mostInFlight, waiting);
      }
      sendOne(client, body, uid, due, measured);
    }
    waitUntil(windowEnd);
    CpuSample last = CpuSample.take(controller);
    if (!inFlight.tryAcquire(
        settings.maxInFlight(),
        settings.timeout().plusSeconds(10).toMillis(),
        TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("requests still unanswered after their timeout");
    }
    double seconds = settings.duration().toNanos() / 1e9;
    return new LoadResult(
        settings,
        controller.description(),
        sent,
        answeredInWindow.sum() / seconds,
        Latencies.of(latencies.getIntervalHistogram()),
        tally.allowed.sum(),
        tally.denied.sum(),
        tally.unexpected.sum(),
        tally.non200.sum(),
        tally.failed.sum(),
        tally.invalid.sum(),
        late,
        mostInFlight,
        first == null ? OptionalDouble.empty() : first.serverPercent(last),
        first == null ? 0 : first.clientPercent(last),
        first == null ? OptionalDouble.empty() : first.machinePercent(last),
        firstError.get(),
        timeline.lines());
  }

  private static void waitUntil(long due) {
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private void sendOne(
      HttpsConnections client, ReviewBody body, String uid, long due, boolean measured)
      throws InterruptedException {
    client.post(
        body.withUid(uid),
        (answer, failure) -> answered(body, uid, due, measured, answer, failure));
  }

  private void answered(
      ReviewBody body,
      String uid,
      long due,
      boolean measured,
      HttpsConnections.@Nullable Answer answer,
      @Nullable IOException failure) {
    long now = System.nanoTime();
    try {
      count(body, uid, due, measured, answer, failure, now);
    } finally {
      // Only now: the run ends when every permit is back, and reads the counts then.
      current.decrementAndGet();
      inFlight.release();
    }
  }

  private void count(
      ReviewBody body,
      String uid,
      long due,
      boolean measured,
      HttpsConnections.@Nullable Answer answer,
      @Nullable IOException failure,
      long now) {
    boolean ok = answer != null && answer.status() == 200;
    if (ok && now >= windowStart && now < windowEnd) {
      answeredInWindow.increment();
    }
    long micros = Math.min((now - due) / 1000, HIGHEST_MICROS);
    timeline.record(due - start, micros);
    if (measured) {
      latencies.recordValue(micros);
    }
    // Warm-up answers are checked the same way, so that the checking code is compiled before the
    // window starts, but only measured ones are counted.
    Tally tally = measured ? this.tally : new Tally();
    if (answer == null) {
      tally.failed.increment();
      error(measured, "request failed: " + failure);
    } else if (!ok) {
      tally.non200.increment();
      error(
          measured,
          "status " + answer.status() + ": " + new String(answer.body(), StandardCharsets.UTF_8));
    } else {
      verdict(body, uid, answer.body(), tally, measured);
    }
  }

  private void verdict(ReviewBody body, String uid, byte[] answer, Tally tally, boolean measured) {
    JsonNode review;
    try {
      review = JSON.readTree(answer).path("response");
    } catch (IOException e) {
      review = null;
    }
    if (review == null
        || !uid.equals(review.path("uid").asText())
        || !review.path("allowed").isBoolean()) {
      tally.invalid.increment();
      error(
          measured, "not a response to " + uid + ": " + new String(answer, StandardCharsets.UTF_8));
      return;
    }
    boolean admitted = review.path("allowed").booleanValue();
    (admitted ? tally.allowed : tally.denied).increment();
    if (admitted == body.expectDenied()) {
      tally.unexpected.increment();
      error(measured, body.name() + (admitted ? " was admitted" : " was denied") + ": " + review);
    }
  }

  private void error(boolean measured, String message) {
    firstError.compareAndSet(null, measured ? message : "during warm-up: " + message);
  }

  /** Answers by kind. */
  private static final class Tally {
    final LongAdder allowed = new LongAdder();
    final LongAdder denied = new LongAdder();
    final LongAdder unexpected = new LongAdder();
    final LongAdder non200 = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder invalid = new LongAdder();
  }

  /** An SSL context that trusts only {@code caPem}. */
  static SSLContext trusting(String caPem) throws IOException {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(
          "ca",
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the controller's CA is not a usable certificate: " + e.getMessage(), e);
    }
  }
}
