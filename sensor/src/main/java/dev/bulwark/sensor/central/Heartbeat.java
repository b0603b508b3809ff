package dev.bulwark.sensor.central;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells central every period that the sensor is alive, with its version; central answers with the
 * cluster, whose name (which policy scopes and exceptions match) goes to {@code clusterName}.
 * Failures are logged once per outage. Thread-safe.
 */
public final class Heartbeat implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final CentralClient central;
  private final byte[] body;
  private final Consumer<String> clusterName;
  private final ScheduledExecutorService timer;
  private boolean failing;

  public Heartbeat(CentralClient central, String sensorVersion, Consumer<String> clusterName) {
    this.central = central;
    this.body =
        MAPPER
            .createObjectNode()
            .put("sensorVersion", sensorVersion)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    this.clusterName = clusterName;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("sensor-heartbeat").daemon().unstarted(runnable));
  }

  /** Beats now and then every {@code period}. */
  public void start(Duration period) {
    Repeating.every(timer, period, "the heartbeat to central", this::beat);
  }

  void beat() {
    try {
      CentralClient.Response response =
          central.send("POST", central.clusterPath("/heartbeat"), body);
      if (response.ok()) {
        String name = MAPPER.readTree(response.body()).path("name").asText("");
        if (!name.isEmpty()) {
          clusterName.accept(name);
        }
        if (failing) {
          LOG.info("central answers heartbeats again");
        }
        failing = false;
      } else {
        fail(response.summary());
      }
    } catch (IOException e) {
      fail(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void fail(String reason) {
    if (!failing) {
      LOG.warn("heartbeat to central failed: {}", reason);
    }
    failing = true;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
