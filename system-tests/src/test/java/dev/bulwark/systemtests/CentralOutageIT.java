package dev.bulwark.systemtests;

import static dev.bulwark.systemtests.CentralWithSensor.PRIVILEGED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import dev.bulwark.testsupport.kubernetes.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central stopped for a minute while the cluster changes: the sensor buffers, and once central is
 * back the inventory and the alerts converge on what the cluster is, with nothing lost and nothing
 * duplicated.
 */
@RealKubernetes
class CentralOutageIT {
  private static final String IMAGE = "registry.example.com/shop/web:1.0";

  @TempDir Path directory;

  @Test
  void changesDuringAMinuteWithoutCentralConvergeWithoutLossOrDuplicates(
      KubernetesClient client, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    try (CentralWithSensor system = new CentralWithSensor(directory, client)) {
      for (String name : List.of("stays", "fixed", "deleted")) {
        Workloads.create(client, ns, name, IMAGE, true, 1);
      }
      String active = "/v1/alerts?state=ACTIVE&policy=" + PRIVILEGED + "&namespace=" + ns;
      system.await(active, body -> body.get("items").size() == 3, Duration.ofSeconds(15));

      system.stopCentral();
      Workloads.create(client, ns, "new", IMAGE, true, 1);
      Workloads.setPrivileged(client, ns, "fixed", IMAGE, false);
      Workloads.delete(client, ns, "deleted");
      Thread.sleep(Duration.ofMinutes(1));
      system.startCentral();

      system.await(
          active,
          body ->
              names(body.get("items")).containsAll(List.of("stays", "new"))
                  && body.get("items").size() == 2,
          // The sensor's retries back off up to a minute (StreamSettings), so its next attempt
          // may come that long after central is back.
          Duration.ofSeconds(90));
      JsonNode all = system.alerts("namespace=" + ns + "&policy=" + PRIVILEGED);
      List<String> episodes = new ArrayList<>();
      all.forEach(alert ->
          episodes.add(
              alert.get("deployment").get("name").asText()
                  + " "
                  + alert.get("state").asText()
                  + " "
                  + alert.path("resolution").path("reason").asText("")));
      assertThat(episodes)
          .containsExactlyInAnyOrder(
              "stays ACTIVE ", "new ACTIVE ", "fixed RESOLVED FIXED", "deleted RESOLVED DELETED");
      JsonNode deployments =
          system.get("/v1/deployments?cluster=" + system.clusterId() + "&namespace=" + ns);
      assertThat(names(deployments.get("items")))
          .containsExactlyInAnyOrder("stays", "fixed", "new");
    }
  }

  private static List<String> names(JsonNode items) {
    List<String> names = new ArrayList<>();
    items.forEach(item ->
        names.add(
            item.has("deployment")
                ? item.get("deployment").get("name").asText()
                : item.get("name").asText()));
    return names;
  }
}
