package dev.bulwark.central.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.ExternalPostgres;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.central.testing.VulnerableImage;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataJson;
import dev.bulwark.testsupport.registry.LocalRegistries;
import dev.bulwark.testsupport.registry.RealRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central scanning the images its inventory's deployments use, from a real registry (Debian's
 * docker-registry, the image pushed with skopeo), matched against a database imported from the
 * conformance OSV records. The image has {@code ansible-core 2.16.1} (PYSEC-2024-36, fixed in
 * 2.16.3). One deployment names it by tag and runs no pods (central scans the tag); another's pod
 * reports the digest it runs (central scans that digest). Once the scans land, a DEPLOY policy on
 * fixable vulnerabilities opens an alert for each, and their risk counts the vulnerability.
 */
@RealRegistry
class InventoryImageScansIT {
  private static final String FIXABLE = "fixable-vulnerability";

  @TempDir static Path directory;
  private static ExternalPostgres postgres;
  private static TestServer central;
  private static String image = "";
  private static String digest = "";

  @BeforeAll
  static void pushImageAndStartCentral(LocalRegistries registries) throws Exception {
    Path layout = directory.resolve("layout");
    VulnerableImage.builder().writeLayout(layout, "1.0");
    image = registries.anonymous().push(layout, "1.0", "team/app:1.0");
    digest = manifestDigest(image);
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
                    Duration.ofMillis(200)));
    // Only this test's policy: the seeded built-in ones would open alerts of their own.
    TestDatabases.execute(central.database, "DELETE FROM policies");
    ApiClient.Response created =
        central.client.post(
            "/v1/policies",
            central.adminToken,
            """
            {"id": "%s", "name": "%s", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
             "severity": "HIGH_SEVERITY",
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
  void deploymentsAreEvaluatedWithTheScansOfTheImagesTheyRun() throws Exception {
    TestServer.Sensor sensor = central.register("scanned");
    String repository = image.substring(0, image.lastIndexOf(':'));
    ApiClient.Response resync =
        central.client.send(
            central
                .client
                .request("/v1/clusters/" + sensor.clusterId() + "/inventory", sensor.token())
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"sequence": 1, "objects": [
                          %s, %s,
                          {"apiVersion": "apps/v1", "kind": "ReplicaSet",
                           "metadata": {"namespace": "shop", "name": "running-1", "uid": "rs1",
                             "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment",
                               "name": "running", "uid": "d2", "controller": true}]},
                           "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "%s"}]}}}},
                          {"apiVersion": "v1", "kind": "Pod",
                           "metadata": {"namespace": "shop", "name": "running-1-x", "uid": "p1",
                             "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                               "name": "running-1", "uid": "rs1", "controller": true}]},
                           "spec": {"containers": [{"name": "app", "image": "%s"}]},
                           "status": {"containerStatuses": [{"name": "app", "image": "%s",
                             "imageID": "%s@%s"}]}}
                        ]}
                        """
                            .formatted(
                                deployment("by-tag", "d1"),
                                deployment("running", "d2"),
                                image,
                                image,
                                image,
                                repository,
                                digest))));
    assertThat(resync.status()).as(resync.raw().body()).isEqualTo(200);

    JsonNode alerts =
        await(
            "/v1/alerts?state=ACTIVE&policy=" + FIXABLE + "&cluster=" + sensor.clusterId(),
            page -> page.get("items").size() == 2);
    List<String> flagged = new ArrayList<>();
    alerts.get("items").forEach(alert -> flagged.add(alert.get("deployment").get("name").asText()));
    assertThat(flagged).containsExactlyInAnyOrder("by-tag", "running");

    List<String> states = new ArrayList<>();
    List<String> scannedDigests = new ArrayList<>();
    for (JsonNode each : central.client.get("/v1/images", central.adminToken).body().get("items")) {
      JsonNode scan = each.get("scan");
      states.add(each.get("name").asText() + " " + scan.get("state").asText());
      scannedDigests.add(scan.get("scannedDigest").asText());
      assertThat(scan.get("os").asText()).isEqualTo("debian:12");
      assertThat(scan.get("vulnerabilitiesChecked").asBoolean()).isTrue();
      assertThat(scan.get("vulnerabilities").get("fixable").asInt()).isPositive();
    }
    assertThat(states).containsExactly(image + " SCANNED", image + " SCANNED");
    // The tag and the running digest are the same image.
    assertThat(scannedDigests).containsExactly(digest, digest);

    String running =
        central
            .client
            .get("/v1/deployments?name=running&cluster=" + sensor.clusterId(), central.adminToken)
            .body()
            .get("items")
            .get(0)
            .get("id")
            .asText();
    JsonNode risk =
        central.client.get("/v1/deployments/" + running + "/risk", central.adminToken).body();
    assertThat(risk.toString())
        .contains("Image vulnerabilities")
        .contains(image + ": 1 vulnerability");
    assertThat(risk.get("details").get("unscannedImages")).isEmpty();

    assertSensorSeesTheScansOfWhatItsClusterRuns(sensor);
  }

  /** What the cluster's sensor gets for its own evaluation, and what nobody else gets. */
  private static void assertSensorSeesTheScansOfWhatItsClusterRuns(TestServer.Sensor sensor)
      throws Exception {
    String path = "/v1/clusters/" + sensor.clusterId() + "/images/scans";
    String unknownDigest = "sha256:" + "0".repeat(64);
    String asked =
        """
        {"images": [{"name": "%s", "digest": "%s"}, {"name": "%s", "digest": null},
                    {"name": "%s", "digest": "%s"}, {"name": "%s"}]}
        """
            .formatted(image, digest, image, image, unknownDigest, "team/never-deployed:1");
    ApiClient.Response view = central.client.post(path, sensor.token(), asked);
    assertThat(view.status()).as(view.raw().body()).isEqualTo(200);
    JsonNode known = view.body().get("images");
    assertThat(known).hasSize(2);
    assertThat(known.get(0).get("digest").asText()).isEqualTo(digest);
    assertThat(known.get(1).get("name").asText()).isEqualTo(image);
    assertThat(known.get(1).get("digest").isNull()).isTrue();
    for (JsonNode each : known) {
      ImageData data = ImageDataJson.read(each.get("data"));
      assertThat(data.os()).isEqualTo("debian:12");
      assertThat(data.vulnerabilities())
          .anySatisfy(vulnerability -> {
            assertThat(vulnerability.component().name()).isEqualTo("ansible-core");
            assertThat(vulnerability.fixedBy()).isEqualTo("2.16.3");
          });
    }

    // Another cluster runs none of it: its sensor learns nothing, and cannot ask as this one.
    TestServer.Sensor other = central.register("unrelated");
    String otherPath = "/v1/clusters/" + other.clusterId() + "/images/scans";
    ApiClient.Response otherView = central.client.post(otherPath, other.token(), asked);
    assertThat(otherView.status()).isEqualTo(200);
    assertThat(otherView.body().get("images")).isEmpty();
    assertThat(central.client.post(path, other.token(), asked).status()).isEqualTo(403);

    ApiClient.Response invalid =
        central.client.post(
            path, sensor.token(), "{\"images\": [{\"name\": \"x\", \"digest\": \"latest\"}]}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.raw().body()).contains("/images/0/digest");
    assertThat(central.client.post(path, sensor.token(), "{\"images\": []}").status())
        .isEqualTo(422);
  }

  private static String deployment(String name, String uid) {
    return """
    {"apiVersion": "apps/v1", "kind": "Deployment",
     "metadata": {"namespace": "shop", "name": "%s", "uid": "%s"},
     "spec": {"replicas": 1, "template": {"spec": {"containers": [{"name": "app", "image": "%s"}]}}}}
    """
        .formatted(name, uid, image);
  }

  /** Polls a GET until its body satisfies {@code done}, for up to a minute. */
  private static JsonNode await(String path, Predicate<JsonNode> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    JsonNode body;
    do {
      ApiClient.Response response = central.client.get(path, central.adminToken);
      assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
      body = response.body();
      if (done.test(body)) {
        return body;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "not done within a minute: "
            + body
            + "; images: "
            + central.client.get("/v1/images", central.adminToken).body());
  }

  /** The manifest digest the registry serves for a tag (plain HTTP: the test registry). */
  private static String manifestDigest(String reference) throws Exception {
    int slash = reference.indexOf('/');
    int colon = reference.lastIndexOf(':');
    URI uri =
        URI.create(
            "http://"
                + reference.substring(0, slash)
                + "/v2/"
                + reference.substring(slash + 1, colon)
                + "/manifests/"
                + reference.substring(colon + 1));
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(uri)
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .header(
                      "Accept",
                      "application/vnd.oci.image.manifest.v1+json,"
                          + " application/vnd.docker.distribution.manifest.v2+json")
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
  }
}
