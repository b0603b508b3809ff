package dev.bulwark.admission.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.workload.ImageRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Image data at admission: cache by digest, a scan under a deadline, and what is counted. */
class AdmissionImageDataTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  private static final ImageData SCANNED =
      new ImageData(
          true,
          "debian",
          "app",
          Map.of(),
          List.of(),
          List.of(),
          List.of(),
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("2026-11-01T00:00:00Z"),
          List.of());
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void theCacheAnswersByDigestNeverByTag() {
    AtomicInteger asked = new AtomicInteger();
    ScanResultCache cache =
        digest -> {
          asked.incrementAndGet();
          return digest.equals(DIGEST) ? Optional.of(SCANNED) : Optional.empty();
        };
    AdmissionImageData images =
        new AdmissionImageData(cache, null, Duration.ofMillis(50), executor);

    assertThat(images.lookup(ImageRef.parse("registry.example.com/app@" + DIGEST)))
        .contains(SCANNED);
    assertThat(images.lookup(ImageRef.parse("registry.example.com/app:1.0"))).isEmpty();
    assertThat(asked).hasValue(1);
    assertThat(images.counts()).isEqualTo(new AdmissionImageData.Counts(1, 0, 1, 0));
  }

  @Test
  void aScanWithinTheDeadlineAnswersAndASlowOneIsAbandoned() {
    AdmissionImageData quick =
        new AdmissionImageData(
            ScanResultCache.EMPTY, image -> Optional.of(SCANNED), Duration.ofSeconds(5), executor);
    AdmissionImageData slow =
        new AdmissionImageData(
            ScanResultCache.EMPTY,
            image -> {
              Thread.sleep(10_000);
              return Optional.of(SCANNED);
            },
            Duration.ofMillis(100),
            executor);

    long started = System.nanoTime();
    Optional<ImageData> abandoned = slow.lookup(ImageRef.parse("registry.example.com/app:1.0"));
    Duration waited = Duration.ofNanos(System.nanoTime() - started);

    assertThat(quick.lookup(ImageRef.parse("registry.example.com/app:1.0"))).contains(SCANNED);
    assertThat(quick.counts().scanned()).isEqualTo(1);
    assertThat(abandoned).isEmpty();
    assertThat(waited).isLessThan(Duration.ofSeconds(5));
    assertThat(slow.counts().timedOut()).isEqualTo(1);
  }

  @Test
  void aFailingScannerMeansNoData() {
    AdmissionImageData failing =
        new AdmissionImageData(
            ScanResultCache.EMPTY,
            image -> {
              throw new IllegalStateException("registry unreachable");
            },
            Duration.ofSeconds(5),
            executor);

    assertThat(failing.lookup(ImageRef.parse("registry.example.com/app:1.0"))).isEmpty();
    assertThat(failing.counts().missing()).isEqualTo(1);
  }
}
