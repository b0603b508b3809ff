package dev.bulwark.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.ExternalPostgres;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.central.testing.VulnerableImage;
import dev.bulwark.sensor.Sensor;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import dev.bulwark.testsupport.kubernetes.TestNamespace;
import dev.bulwark.testsupport.registry.LocalRegistries;
import dev.bulwark.testsupport.registry.RealRegistry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image policy enforced by the sensor with central's scan: the image is pushed to a real
 * registry (Debian's docker-registry), central scans what the cluster's deployment runs and matches
 * it against a database imported from the conformance OSV records (ansible-core 2.16.1 has
 * PYSEC-2024-36, fixed in 2.16.3), the sensor fetches that scan for its own evaluation and scales
 * the deployment to zero, and central's alert records the enforcement.
 */
@RealKubernetes
@RealRegistry
class ImagePolicyIT {
  private static final String FIXABLE = "e2e-fixable-scale-to-zero";

  @TempDir static Path directory;
  private static ExternalPostgres postgres;
  private static TestServer central;
  private static String image = "";

  @BeforeAll
  static void pushImageAndStartCentral(LocalRegistries registries) throws Exception {
    Path layout = directory.resolve("layout");
    VulnerableImage.builder().writeLayout(layout, "1.0");
    image = registries.anonymous().push(layout, "1.0", "team/vulnerable:1.0");
    Path database = VulnerableImage.database(directory.resolve("db"));
    postgres = ExternalPostgres.start();
    central =
        TestServer.start(
            directory.resolve("central"),
            postgres.fresh(),
            settings ->
                TestServer.withJobPoll(
                    TestServer.withImageScans(
                        settings,
                        VulnerableImage.inventoryScans(
                            database, image, directory.resolve("layers"))),
                    CentralWithSensor.POLL));
    TestDatabases.execute(central.database, "DELETE FROM policies");
    ApiClient.Response created =
        central.client.post(
            "/v1/policies",
            central.adminToken,
            """
            {"id": "%s", "name": "%s", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
             "severity": "HIGH_SEVERITY", "enforcementActions": ["SCALE_TO_ZERO_ENFORCEMENT"],
             "policySections": [{"policyGroups": [{"fieldName": "Fixed By",
                                                   "values": [{"value": ".*"}]}]}]}
            """
                .formatted(FIXABLE, FIXABLE));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    if (central != null) {
      central.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theSensorScalesToZeroADeploymentWhoseImageCentralFoundVulnerable(
      KubernetesClient client, TestNamespace namespace) throws Exception {
    TestServer.Sensor cluster =
        central.register("images-" + UUID.randomUUID().toString().substring(0, 8));
    try (Sensor sensor =
        CentralWithSensor.enforcingSensor(
            central, central.port(), cluster, client, directory.resolve("sensor"))) {
      Workloads.create(client, namespace.name(), "vulnerable", image, false, 2);

      CentralWithSensor.await(
          "the sensor scaling the deployment to zero",
          () -> replicas(client, namespace.name(), "vulnerable") == 0,
          Duration.ofSeconds(90));

      Deployment scaled =
          client.apps().deployments().inNamespace(namespace.name()).withName("vulnerable").get();
      assertThat(scaled.getMetadata().getAnnotations())
          .containsEntry("bulwark.dev/enforced-by", FIXABLE)
          .containsEntry("bulwark.dev/original-replicas", "2");
      String alerts =
          "/v1/alerts?state=ACTIVE&policy=" + FIXABLE + "&cluster=" + cluster.clusterId();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      JsonNode alert = central.client.get(alerts, central.adminToken).body().path("items").path(0);
      while (alert.path("enforcementRecords").isEmpty()) {
        assertThat(System.nanoTime())
            .as("the enforcement in the alert: " + alert)
            .isLessThan(deadline);
        Thread.sleep(CentralWithSensor.POLL.toMillis());
        alert = central.client.get(alerts, central.adminToken).body().path("items").path(0);
      }
      assertThat(alert.path("deployment").path("name").asText()).isEqualTo("vulnerable");
      JsonNode record = alert.path("enforcementRecords").path(0);
      assertThat(record.path("action").asText()).isEqualTo("SCALE_TO_ZERO_ENFORCEMENT");
      assertThat(record.path("applied").asBoolean()).isTrue();
      assertThat(record.path("message").asText()).contains("from 2 to 0 replicas");
    }
  }

  private static int replicas(KubernetesClient client, String namespace, String name) {
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }
}
