package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RepeatingTest {
  @Test
  void aRunThatThrowsDoesNotEndTheSchedule() throws InterruptedException {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch third = new CountDownLatch(3);
    try {
      Repeating.every(
          timer,
          Duration.ofMillis(10),
          "a failing task",
          () -> {
            runs.incrementAndGet();
            third.countDown();
            throw new IllegalStateException("every run fails");
          });

      assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(runs.get()).isGreaterThanOrEqualTo(3);
    } finally {
      timer.shutdownNow();
    }
  }
}
