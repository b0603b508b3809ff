package dev.bulwark.central.inventory;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What a policy would flag in a small inventory: one privileged deployment, two plain ones. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyDryRunApiTest {
  private static final String DRY_RUN = "/v1/policies/dryrun";

  @TempDir static Path data;

  private TestServer central;
  private TestServer.Sensor sensor;
  private String analyst;
  private String ci;

  @BeforeAll
  void start() {
    central = TestServer.start(data);
    TestDatabases.execute(central.database, "DELETE FROM policies");
    analyst = central.issue("dry-run-analyst", "analyst");
    ci = central.issue("dry-run-ci", "ci");
    sensor = central.register("dry-run");
    ApiClient.Response response =
        central.client.send(
            central
                .client
                .request("/v1/clusters/" + sensor.clusterId() + "/inventory", sensor.token())
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sequence\": 1, \"objects\": ["
                            + String.join(
                                ",",
                                Kube.namespace("shop", "ns1"),
                                Kube.deployment("shop", "web", "d1", true),
                                Kube.deployment("shop", "api", "d2", false),
                                Kube.deployment("shop", "cart", "d3", false))
                            + "]}")));
    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @Test
  void aPolicyFlagsThePrivilegedDeploymentOnlyAndNothingIsStored() {
    ApiClient.Response response = dryRun(analyst, privileged("true"), "");

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    JsonNode answer = response.body();
    assertThat(answer.at("/policy/name").asText()).isEqualTo("Privileged dry run");
    assertThat(answer.get("deployments").asLong()).isEqualTo(3);
    assertThat(answer.get("evaluated").asLong()).isEqualTo(3);
    assertThat(answer.get("flagged").asLong()).isEqualTo(1);
    assertThat(answer.get("truncated").asBoolean()).isFalse();
    JsonNode flagged = answer.at("/results/0");
    assertThat(flagged.get("cluster").asText()).isEqualTo("dry-run");
    assertThat(flagged.get("clusterId").asText()).isEqualTo(sensor.clusterId().toString());
    assertThat(flagged.get("namespace").asText()).isEqualTo("shop");
    assertThat(flagged.get("kind").asText()).isEqualTo("Deployment");
    assertThat(flagged.get("name").asText()).isEqualTo("web");
    assertThat(flagged.get("deploymentId").asText()).isNotEmpty();
    assertThat(flagged.get("messages")).isNotEmpty();
    assertThat(answer.get("results")).hasSize(1);
    assertThat(central.client.get("/v1/policies", central.adminToken).body().get("items"))
        .isEmpty();
    assertThat(central.client.get("/v1/alerts", central.adminToken).body().get("items")).isEmpty();
  }

  @Test
  void theResultsStopAtTheLimitAndSaySo() {
    JsonNode answer = dryRun(analyst, privileged("false"), "?limit=1").body();

    assertThat(answer.get("results")).hasSize(1);
    assertThat(answer.get("flagged").asLong()).isEqualTo(2);
    assertThat(answer.get("results").get(0).get("name").asText()).isEqualTo("api");
    JsonNode all = dryRun(analyst, privileged("false"), "").body();
    assertThat(all.get("results")).hasSize(2);
    assertThat(all.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void anInvalidPolicyIsA422WithPointers() {
    ApiClient.Response broken =
        dryRun(
            analyst,
            """
            {"name": "Broken", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
             "severity": "HIGH_SEVERITY",
             "policySections": [{"policyGroups": [{"fieldName": "No Such Field",
                                                   "values": [{"value": "x"}]}]}]}
            """,
            "");
    assertProblem(broken, 422, "validation-failed", "/policySections/0/policyGroups/0");
    assertThat(broken.body().get("errors").toString()).contains("No Such Field");
    assertProblem(
        dryRun(
            analyst,
            """
            {"name": "Build only", "categories": ["Test"], "lifecycleStages": ["BUILD"],
             "severity": "LOW_SEVERITY",
             "policySections": [{"policyGroups": [{"fieldName": "Image Tag",
                                                   "values": [{"value": "latest"}]}]}]}
            """,
            ""),
        422,
        "validation-failed",
        "deploy stage");
    assertProblem(
        dryRun(analyst, privileged("true"), "?limit=0"), 400, "invalid-parameter", "limit");
  }

  @Test
  void aDryRunNeedsPoliciesRead() {
    assertProblem(dryRun(ci, privileged("true"), ""), 403, "permission-denied", "policies:read");
    assertProblem(dryRun(null, privileged("true"), ""), 401, "token-missing", "token");
  }

  private ApiClient.Response dryRun(@Nullable String token, String body, String query) {
    return central.client.post(DRY_RUN + query, token, body);
  }

  private static String privileged(String value) {
    return """
    {"name": "Privileged dry run", "categories": ["Test"], "lifecycleStages": ["DEPLOY"],
     "severity": "HIGH_SEVERITY",
     "policySections": [{"policyGroups": [{"fieldName": "Privileged Container",
                                           "values": [{"value": "%s"}]}]}]}
    """
        .formatted(value);
  }
}
