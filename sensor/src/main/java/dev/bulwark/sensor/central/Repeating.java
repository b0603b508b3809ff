package dev.bulwark.sensor.central;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task now and then every period. A run that throws is logged and the next one still comes:
 * a scheduled executor silently drops a task that threw, which would stop a sensor's heartbeats or
 * polls for good.
 */
final class Repeating {
  private static final Logger LOG = LoggerFactory.getLogger(Repeating.class);

  private Repeating() {}

  static void every(ScheduledExecutorService timer, Duration period, String what, Runnable task) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.error("{} failed; trying again in {}: {}", what, period, e.toString(), e);
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
