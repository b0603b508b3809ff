package dev.bulwark.sensor.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritePaceTest {
  private static final long SECOND = 1_000_000_000L;

  private long now = 5 * SECOND;
  private final List<Long> sleeps = new ArrayList<>();
  private final WritePace pace =
      new WritePace(
          10,
          3,
          () -> now,
          nanos -> {
            sleeps.add(nanos);
            now += nanos;
          });

  @Test
  void aBurstGoesAtOnceThenTheRateHolds() throws InterruptedException {
    for (int write = 0; write < 3; write++) {
      pace.awaitTurn();
    }
    assertThat(sleeps).isEmpty();

    pace.awaitTurn();
    pace.awaitTurn();

    assertThat(sleeps).containsExactly(SECOND / 10, SECOND / 10);
    assertThat(now).isEqualTo(5 * SECOND + 2 * SECOND / 10);
  }

  @Test
  void idleTimeRefillsTheBurstButNoMore() throws InterruptedException {
    for (int write = 0; write < 5; write++) {
      pace.awaitTurn();
    }
    sleeps.clear();
    now += 60 * SECOND;

    for (int write = 0; write < 3; write++) {
      pace.awaitTurn();
    }
    assertThat(sleeps).as("a full burst after a long pause").isEmpty();
    pace.awaitTurn();
    assertThat(sleeps).containsExactly(SECOND / 10);
  }

  @Test
  void aRateOrBurstBelowOneIsRefused() {
    assertThatThrownBy(() -> new WritePace(0, 1, () -> 0, nanos -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WritePace(1, 0, () -> 0, nanos -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
