package dev.bulwark.central.inventory;

import static dev.bulwark.central.inventory.Kube.DIGEST;
import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryApiTest {
  @TempDir static Path data;

  private TestServer central;
  private TestServer.Sensor sensor;
  private TestServer.Sensor otherSensor;
  private String analyst;

  @BeforeAll
  void start() {
    central = TestServer.start(data);
    analyst = central.issue("inventory-analyst", "analyst");
    sensor = central.register("read-a");
    otherSensor = central.register("read-b");
    resync(
        sensor,
        Kube.namespace("shop", "ns1"),
        Kube.namespace("ops", "ns2"),
        Kube.deployment("shop", "web", "d1", true),
        Kube.deployment("shop", "api", "d2", false),
        Kube.deployment("shop", "cart", "d3", false),
        Kube.pod("shop", "web-1", "p1", "d1", "Deployment", true, DIGEST),
        Kube.service("shop", "web", "s1", "web"),
        Kube.pod("ops", "debug", "p2", null, "", false, DIGEST));
    resync(otherSensor, Kube.namespace("shop", "ns9"), Kube.deployment("shop", "web", "x1", false));
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @Test
  void deploymentsArePagedByNamespaceAndName() {
    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          get("/v1/deployments?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).body();
      page.get("items")
          .forEach(
              item -> names.add(item.get("namespace").asText() + "/" + item.get("name").asText()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(names).containsExactly("ops/debug", "shop/api", "shop/cart", "shop/web", "shop/web");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void deploymentsFilterByClusterNamespaceAndName() {
    assertThat(names("/v1/deployments?cluster=" + sensor.clusterId()))
        .containsExactly("debug", "api", "cart", "web");
    assertThat(names("/v1/deployments?namespace=ops")).containsExactly("debug");
    assertThat(names("/v1/deployments?name=web&cluster=" + otherSensor.clusterId()))
        .containsExactly("web");
    assertProblem(get("/v1/deployments?cluster=nope"), 400, "invalid-parameter", "cluster must be");
    assertProblem(get("/v1/deployments?cursor=bm9wZQ"), 400, "invalid-cursor", "cursor");
  }

  @Test
  void aDeploymentShowsItsContainersAndExposure() {
    String id =
        get("/v1/deployments?name=web&cluster=" + sensor.clusterId())
            .body()
            .get("items")
            .get(0)
            .get("id")
            .asText();

    JsonNode deployment = get("/v1/deployments/" + id).body();

    assertThat(deployment.get("kind").asText()).isEqualTo("Deployment");
    assertThat(deployment.get("serviceAccount").asText()).isEqualTo("default");
    assertThat(deployment.get("labels").get("app").asText()).isEqualTo("web");
    JsonNode container = deployment.get("containers").get(0);
    assertThat(container.get("image").asText()).isEqualTo("nginx:1.25");
    assertThat(container.get("digest").asText()).isEqualTo(DIGEST);
    assertThat(container.get("privileged").asBoolean()).isTrue();
    assertThat(container.get("ports").get(0).get("containerPort").asInt()).isEqualTo(8080);
    assertThat(deployment.get("exposure").get(0).get("exposure").asText()).isEqualTo("node");
    assertProblem(get("/v1/deployments/" + UUID.randomUUID()), 404, "not-found", "deployment");
  }

  @Test
  void namespacesAreListedPerCluster() {
    JsonNode page = get("/v1/namespaces?cluster=" + sensor.clusterId()).body();
    List<String> names = new ArrayList<>();
    page.get("items").forEach(item -> names.add(item.get("name").asText()));
    assertThat(names).containsExactly("ops", "shop");
    assertThat(page.get("items").get(1).get("annotations").get("owner").asText())
        .isEqualTo("team-a");
    assertThat(get("/v1/namespaces").body().get("items")).hasSize(3);
  }

  @Test
  void imagesShowTheDeploymentsUsingThem() {
    JsonNode images = get("/v1/images").body().get("items");
    JsonNode pinned =
        StreamSupport.stream(images.spliterator(), false)
            .filter(image -> DIGEST.equals(image.get("digest").asText(null)))
            .findFirst()
            .orElseThrow(() -> new AssertionError(images.toString()));

    JsonNode image = get("/v1/images/" + pinned.get("id").asText()).body();

    assertThat(image.get("names").toString()).contains("nginx:1.25");
    List<String> users = new ArrayList<>();
    image.get("deployments").forEach(use -> users.add(use.get("name").asText()));
    assertThat(users).containsExactly("debug", "web");
    assertProblem(get("/v1/images/" + UUID.randomUUID()), 404, "not-found", "image");
  }

  @Test
  void readingNeedsInventoryRead() {
    assertThat(central.client.get("/v1/deployments", analyst).status()).isEqualTo(200);
    assertProblem(
        central.client.get("/v1/deployments", sensor.token()),
        403,
        "permission-denied",
        "inventory:read");
    assertProblem(central.client.get("/v1/images", null), 401, "token-missing", "token");
  }

  private List<String> names(String path) {
    List<String> names = new ArrayList<>();
    get(path).body().get("items").forEach(item -> names.add(item.get("name").asText()));
    return names;
  }

  private ApiClient.Response get(String path) {
    return central.client.get(path, central.adminToken);
  }

  private void resync(TestServer.Sensor to, String... objects) {
    ApiClient.Response response =
        central.client.send(
            central
                .client
                .request("/v1/clusters/" + to.clusterId() + "/inventory", to.token())
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sequence\": 1, \"objects\": [" + String.join(",", objects) + "]}")));
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
  }
}
