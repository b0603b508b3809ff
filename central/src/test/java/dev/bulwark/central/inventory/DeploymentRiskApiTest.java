package dev.bulwark.central.inventory;

import static dev.bulwark.central.inventory.Kube.DIGEST;
import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Risk as the inventory stores it and the API ranks it, with one known policy (privileged
 * containers, HIGH): a privileged deployment exposed on a node port scores highest, and three plain
 * ones tie.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentRiskApiTest {
  /** Violations 1 + 9/50·3, privileged configuration 1 + 2/8, a node port 1 + 2/10. */
  private static final double WEB_SCORE = 1.54 * 1.25 * 1.2;

  /** A container that drops no capability: 1 + 1/8. */
  private static final double PLAIN_SCORE = 1.125;

  @TempDir static Path data;

  private TestServer central;
  private TestServer.Sensor sensor;
  private TestServer.Sensor otherSensor;
  private String analyst;

  @BeforeAll
  void start() {
    central = TestServer.start(data);
    TestDatabases.execute(central.database, "DELETE FROM policies");
    ApiClient.Response created =
        central.client.post(
            "/v1/policies",
            central.adminToken,
            """
            {"name": "Privileged", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
             "severity": "HIGH_SEVERITY",
             "policySections": [{"policyGroups": [{"fieldName": "Privileged Container",
                                                   "values": [{"value": "true"}]}]}]}
            """);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    analyst = central.issue("risk-analyst", "analyst");
    sensor = central.register("risk-a");
    otherSensor = central.register("risk-b");
    resync(
        sensor,
        Kube.namespace("shop", "ns1"),
        Kube.deployment("shop", "web", "d1", true),
        Kube.deployment("shop", "api", "d2", false),
        Kube.deployment("shop", "cart", "d3", false),
        Kube.pod("shop", "web-1", "p1", "d1", "Deployment", true, DIGEST),
        Kube.service("shop", "web", "s1", "web"));
    resync(otherSensor, Kube.namespace("shop", "ns9"), Kube.deployment("shop", "web", "x1", false));
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @Test
  void sortByRiskListsTheHighestScoreFirstThenById() {
    JsonNode items = get("/v1/deployments?sort=risk").body().get("items");

    assertThat(items).hasSize(4);
    JsonNode first = items.get(0);
    assertThat(first.get("name").asText()).isEqualTo("web");
    assertThat(first.get("clusterId").asText()).isEqualTo(sensor.clusterId().toString());
    assertThat(first.at("/risk/score").asDouble()).isCloseTo(WEB_SCORE, within(1e-9));
    assertThat(first.at("/risk/rank").asLong()).isEqualTo(1);
    List<String> tiedIds = new ArrayList<>();
    for (int i = 1; i < 4; i++) {
      assertThat(items.get(i).at("/risk/score").asDouble()).isCloseTo(PLAIN_SCORE, within(1e-9));
      assertThat(items.get(i).at("/risk/rank").asLong()).isEqualTo(2);
      tiedIds.add(items.get(i).get("id").asText());
    }
    // PostgreSQL orders uuids bytewise, as their lower-case text sorts.
    assertThat(tiedIds).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void theRankIsAmongEveryClusterAlsoWhenTheListIsFiltered() {
    JsonNode items =
        get("/v1/deployments?sort=risk&cluster=" + otherSensor.clusterId()).body().get("items");

    assertThat(items).hasSize(1);
    assertThat(items.get(0).at("/risk/rank").asLong()).isEqualTo(2);
    JsonNode byName = get("/v1/deployments?name=web&cluster=" + sensor.clusterId()).body();
    assertThat(byName.at("/items/0/risk/rank").asLong()).isEqualTo(1);
  }

  @Test
  void pagesSortedByRiskTogetherListEveryDeploymentOnceInOrder() {
    List<String> all = ids(get("/v1/deployments?sort=risk").body().get("items"));
    List<String> paged = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          get("/v1/deployments?sort=risk&limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
              .body();
      paged.addAll(ids(page.get("items")));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(paged).containsExactlyElementsOf(all).doesNotHaveDuplicates().hasSize(4);
  }

  @Test
  void theRiskOfADeploymentShowsItsFactors() {
    String id = get("/v1/deployments?sort=risk&limit=1").body().at("/items/0/id").asText();

    JsonNode risk = get("/v1/deployments/" + id + "/risk").body();

    assertThat(risk.get("deploymentId").asText()).isEqualTo(id);
    assertThat(risk.get("score").asDouble()).isCloseTo(WEB_SCORE, within(1e-9));
    assertThat(risk.get("rank").asLong()).isEqualTo(1);
    List<String> headings = new ArrayList<>();
    risk.at("/details/factors").forEach(factor -> headings.add(factor.get("heading").asText()));
    assertThat(headings)
        .containsExactly("Policy violations", "Service configuration", "Reachability");
    JsonNode violations = risk.at("/details/factors/0");
    assertThat(violations.get("multiplier").asDouble()).isCloseTo(1.54, within(1e-9));
    assertThat(violations.get("facts").toString()).contains("1 high");
    assertThat(risk.at("/details/unscannedImages").toString()).contains("nginx");
    assertThat(risk.get("evaluatedAt").asText()).isNotEmpty();
  }

  @Test
  void badSortsCursorsAndIdsAreProblems() {
    assertProblem(get("/v1/deployments?sort=age"), 400, "invalid-parameter", "sort must be");
    assertProblem(get("/v1/deployments?sort=risk&cursor=bm9wZQ"), 400, "invalid-cursor", "cursor");
    assertProblem(
        get("/v1/deployments/" + UUID.randomUUID() + "/risk"), 404, "not-found", "deployment");
  }

  @Test
  void readingRiskNeedsInventoryRead() {
    String id = get("/v1/deployments?limit=1").body().at("/items/0/id").asText();
    assertThat(central.client.get("/v1/deployments/" + id + "/risk", analyst).status())
        .isEqualTo(200);
    assertProblem(
        central.client.get("/v1/deployments/" + id + "/risk", sensor.token()),
        403,
        "permission-denied",
        "inventory:read");
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.get("id").asText()));
    return ids;
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
