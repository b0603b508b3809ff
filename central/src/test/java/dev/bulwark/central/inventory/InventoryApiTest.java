package dev.bulwark.central.inventory;

import static dev.bulwark.central.inventory.Kube.DIGEST;
import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.images.ImageKeys;
import dev.bulwark.central.images.ImageScanStore;
import dev.bulwark.central.storage.Database;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.core.image.ImageComponent;
import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageVulnerability;
import dev.bulwark.core.image.VulnerabilitySeverity;
import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.results.ScanResult;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  void imagesShowWhatTheirScanFound() throws Exception {
    JsonNode before = get("/v1/images/" + image(DIGEST).get("id").asText()).body();
    assertThat(before.get("scan").get("state").asText()).isEqualTo("PENDING");
    assertThat(before.get("vulnerabilities")).isEmpty();
    assertThat(before.get("components")).isEmpty();

    try (Database database = Database.open(central.database, 2)) {
      ImageScanStore store = new ImageScanStore(database.jdbi());
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      ImageScanStore.DueImage image =
          store.claim(now, "f", 100, Duration.ofMinutes(1)).stream()
              .filter(due -> due.key().equals(ImageKeys.digest(DIGEST)))
              .findFirst()
              .orElseThrow();
      store.recordScan(
          image,
          new ScanResult(
              DIGEST,
              image.reference(),
              Platform.parse("linux/amd64"),
              new ImageData(
                  true,
                  "debian:12",
                  null,
                  Map.of(),
                  List.of(
                      new ImageComponent("openssl", "3.0.1"), new ImageComponent("zlib", "1.2")),
                  List.of(
                      vulnerability("CVE-2026-0002", "zlib", VulnerabilitySeverity.MODERATE, ""),
                      vulnerability(
                          "CVE-2026-0001", "openssl", VulnerabilitySeverity.CRITICAL, "3.0.2")),
                  List.of(),
                  null,
                  now,
                  List.of()),
              now,
              Map.of("dpkg", 1)),
          "f",
          now,
          now.plus(Duration.ofDays(1)));
    }

    JsonNode summary = image(DIGEST).get("scan");
    assertThat(summary.get("state").asText()).isEqualTo("SCANNED");
    assertThat(summary.get("os").asText()).isEqualTo("debian:12");
    assertThat(summary.get("components").asInt()).isEqualTo(2);
    assertThat(summary.get("vulnerabilitiesChecked").asBoolean()).isTrue();
    assertThat(summary.get("vulnerabilities").toString())
        .isEqualTo(
            "{\"total\":2,\"critical\":1,\"important\":0,\"moderate\":1,\"low\":0,"
                + "\"unknown\":0,\"fixable\":1}");
    JsonNode detail = get("/v1/images/" + image(DIGEST).get("id").asText()).body();
    assertThat(detail.get("vulnerabilities"))
        .extracting(vulnerability -> vulnerability.get("cve").asText())
        .containsExactly("CVE-2026-0001", "CVE-2026-0002");
    assertThat(detail.get("vulnerabilities").get(0).get("fixedBy").asText()).isEqualTo("3.0.2");
    assertThat(detail.get("components")).hasSize(2);
  }

  private JsonNode image(String digest) {
    JsonNode images = get("/v1/images").body().get("items");
    return StreamSupport.stream(images.spliterator(), false)
        .filter(image -> digest.equals(image.get("digest").asText(null)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(images.toString()));
  }

  private static ImageVulnerability vulnerability(
      String cve, String component, VulnerabilitySeverity severity, String fixedBy) {
    return new ImageVulnerability(
        cve,
        new ImageComponent(component, "1"),
        severity == VulnerabilitySeverity.CRITICAL ? 9.8 : 5.0,
        0,
        severity,
        fixedBy,
        null,
        null,
        null,
        null);
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
