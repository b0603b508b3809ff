package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleWithJitterUpToTheCapAndStartOverAfterAReset() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    assertThat(backoff.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(backoff.next()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(backoff.next()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    for (int failure = 0; failure < 100; failure++) {
      assertThat(backoff.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(60));
    }
    assertThat(backoff.next()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    backoff.reset();
    assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
  }
}
