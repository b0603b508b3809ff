package dev.bulwark.bench.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * Sends AdmissionReviews at a fixed rate over HTTPS (HTTP/1.1, keep-alive): request {@code i} is
 * due at {@code start + i / rate} and is sent then whether or not earlier ones were answered, and
 * its latency runs from when it was due, so that a slow controller cannot slow the load down and
 * hide its own latency (coordinated omission). One run per instance; not thread-safe.
 */
public final class OpenLoopLoad {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
  private static final Duration START_DELAY = Duration.ofMillis(100);

  private final Controller controller;
  private final List<ReviewBody> mix;
  private final LoadSettings settings;
  private final Recorder latencies = new Recorder(HIGHEST_MICROS, 3);
  private final Semaphore inFlight;
  private final AtomicInteger current = new AtomicInteger();
  private final LongAdder answeredInWindow = new LongAdder();
  private final LongAdder allowed = new LongAdder();
  private final LongAdder denied = new LongAdder();
  private final LongAdder unexpected = new LongAdder();
  private final LongAdder non200 = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder invalid = new LongAdder();
  private final AtomicReference<@Nullable String> firstError = new AtomicReference<>();
  private int mostInFlight;
  private long windowStart;
  private long windowEnd;

  private OpenLoopLoad(Controller controller, List<ReviewBody> mix, LoadSettings settings) {
    this.controller = controller;
    this.mix = List.copyOf(mix);
    this.settings = settings;
    this.inFlight = new Semaphore(settings.maxInFlight());
  }

  /** Runs the load against {@code controller} and waits for every answer. */
  public static LoadResult run(Controller controller, List<ReviewBody> mix, LoadSettings settings)
      throws IOException, InterruptedException {
    return new OpenLoopLoad(controller, mix, settings).run();
  }

  private LoadResult run() throws IOException, InterruptedException {
    try (HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            // Answers are handled on the client's selector thread: handing each to a pool thread
            // took 60 % more client CPU (0.64 against 0.40 ms per request at 500 requests/s), CPU
            // that the controller under test shares on a small machine. Handling never blocks.
            .executor(Runnable::run)
            .sslContext(trusting(controller.caPem()))
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      return send(client);
    }
  }

  private LoadResult send(HttpClient client) throws InterruptedException {
    Random order = new Random(settings.seed());
    long run = order.nextLong();
    long start = System.nanoTime() + START_DELAY.toNanos();
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
        allowed.sum(),
        denied.sum(),
        unexpected.sum(),
        non200.sum(),
        failed.sum(),
        invalid.sum(),
        late,
        mostInFlight,
        first == null ? OptionalDouble.empty() : first.serverPercent(last),
        first == null ? 0 : first.clientPercent(last),
        firstError.get());
  }

  private static void waitUntil(long due) {
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private void sendOne(HttpClient client, ReviewBody body, String uid, long due, boolean measured) {
    HttpRequest request =
        HttpRequest.newBuilder(controller.url())
            .header("Content-Type", "application/json")
            .timeout(settings.timeout())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.withUid(uid)))
            .build();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete((response, failure) -> answered(body, uid, due, measured, response, failure));
  }

  private void answered(
      ReviewBody body,
      String uid,
      long due,
      boolean measured,
      @Nullable HttpResponse<byte[]> response,
      @Nullable Throwable failure) {
    long now = System.nanoTime();
    current.decrementAndGet();
    inFlight.release();
    boolean ok = response != null && response.statusCode() == 200;
    if (ok && now >= windowStart && now < windowEnd) {
      answeredInWindow.increment();
    }
    if (!measured) {
      return;
    }
    latencies.recordValue(Math.min((now - due) / 1000, HIGHEST_MICROS));
    if (response == null) {
      failed.increment();
      firstError.compareAndSet(null, "request failed: " + failure);
    } else if (!ok) {
      non200.increment();
      firstError.compareAndSet(
          null,
          "status "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    } else {
      verdict(body, uid, response.body());
    }
  }

  private void verdict(ReviewBody body, String uid, byte[] answer) {
    JsonNode review;
    try {
      review = JSON.readTree(answer).path("response");
    } catch (IOException e) {
      review = null;
    }
    if (review == null
        || !uid.equals(review.path("uid").asText())
        || !review.path("allowed").isBoolean()) {
      invalid.increment();
      firstError.compareAndSet(
          null, "not a response to " + uid + ": " + new String(answer, StandardCharsets.UTF_8));
      return;
    }
    boolean admitted = review.path("allowed").booleanValue();
    (admitted ? allowed : denied).increment();
    if (admitted == body.expectDenied()) {
      unexpected.increment();
      firstError.compareAndSet(
          null, body.name() + (admitted ? " was admitted" : " was denied") + ": " + review);
    }
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

  /** CPU time of the controller (when known) and of this JVM at one instant. */
  private record CpuSample(long wallNanos, Optional<Duration> server, long clientNanos) {
    static CpuSample take(Controller controller) {
      long client =
          ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
              .getProcessCpuTime();
      return new CpuSample(System.nanoTime(), controller.cpuTime(), client);
    }

    OptionalDouble serverPercent(CpuSample later) {
      if (server.isEmpty() || later.server.isEmpty()) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(
          percent(later.server.get().toNanos() - server.get().toNanos(), later));
    }

    double clientPercent(CpuSample later) {
      return percent(later.clientNanos - clientNanos, later);
    }

    private double percent(long cpuNanos, CpuSample later) {
      return 100.0 * cpuNanos / Math.max(1, later.wallNanos - wallNanos);
    }
  }
}
