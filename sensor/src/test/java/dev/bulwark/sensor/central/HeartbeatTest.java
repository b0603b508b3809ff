package dev.bulwark.sensor.central;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.sensor.testing.RecordingCentral;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatTest {
  @TempDir Path tls;

  @Test
  void aHeartbeatReportsTheVersionAndLearnsTheClustersName() throws IOException {
    try (RecordingCentral central = RecordingCentral.start(tls)) {
      AtomicReference<String> name = new AtomicReference<>("");
      Heartbeat heartbeat =
          new Heartbeat(
              new CentralClient(
                  central.url(),
                  central.cluster,
                  "sensor-token",
                  central.caFile,
                  Duration.ofSeconds(5)),
              "1.2.3",
              name::set);

      heartbeat.beat();
      central.failWith(503);
      heartbeat.beat();
      heartbeat.close();

      assertThat(central.calls().getFirst().path())
          .isEqualTo("/v1/clusters/" + central.cluster + "/heartbeat");
      assertThat(central.calls().getFirst().json().get("sensorVersion").asText())
          .isEqualTo("1.2.3");
      assertThat(name).hasValue("test-cluster");
    }
  }

  @Test
  void aWrongTokenIsRefusedWithoutLearningAnything() throws IOException {
    try (RecordingCentral central = RecordingCentral.start(tls)) {
      AtomicReference<String> name = new AtomicReference<>("");
      Heartbeat heartbeat =
          new Heartbeat(
              new CentralClient(
                  central.url(), central.cluster, "wrong", central.caFile, Duration.ofSeconds(5)),
              "1.2.3",
              name::set);

      heartbeat.beat();

      assertThat(name).hasValue("");
      assertThat(central.calls()).hasSize(1);
    }
  }
}
