package dev.bulwark.central.policies;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.policy.exception.ExceptionReader;
import dev.bulwark.policy.exception.PolicyException;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterPolicyApiTest {
  @TempDir static Path data;

  private TestServer central;
  private TestServer.Sensor sensor;

  @BeforeAll
  void start() {
    central = TestServer.start(data);
    sensor = central.register("policies-" + System.nanoTime());
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @Test
  void theSensorGetsTheEnabledPoliciesAndExceptionsInTheLibrarysFormats() {
    ApiClient.Response created =
        central.client.post(
            "/v1/exceptions",
            central.adminToken,
            """
            {"name": "cluster-policy-api", "policies": ["Latest tag"], "owner": "o", "reason": "r"}
            """);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);

    ApiClient.Response response = policies(null);

    assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
    JsonNode body = response.body();
    String fingerprint = body.get("fingerprint").asText();
    assertThat(response.raw().headers().firstValue("ETag")).hasValue("\"" + fingerprint + "\"");
    List<Policy> policies = PolicyReader.parse(body.get("policies").toString(), "central");
    assertThat(policies).isNotEmpty().allMatch(policy -> !policy.disabled());
    List<PolicyException> exceptions =
        ExceptionReader.parse(
            "{\"exceptions\": " + body.get("exceptions") + "}", "central exceptions");
    assertThat(exceptions).extracting(PolicyException::name).contains("cluster-policy-api");
  }

  @Test
  void anUnchangedSetIsNotModified() {
    String etag = policies(null).raw().headers().firstValue("ETag").orElseThrow();

    ApiClient.Response again = policies(etag);

    assertThat(again.status()).isEqualTo(304);
    assertThat(again.raw().body()).isEmpty();
    assertThat(policies("\"another\"").status()).isEqualTo(200);
  }

  @Test
  void anotherClustersSensorIsRefused() {
    TestServer.Sensor other = central.register("other-" + System.nanoTime());

    assertProblem(
        central.client.get("/v1/clusters/" + sensor.clusterId() + "/policies", other.token()),
        403,
        "wrong-cluster",
        sensor.clusterId());
  }

  @Test
  void ifNoneMatchAcceptsListsWeakTagsAndAnyTag() {
    assertThat(ClusterPolicyApi.matches("\"a\", W/\"b\"", "\"b\"")).isTrue();
    assertThat(ClusterPolicyApi.matches("*", "\"b\"")).isTrue();
    assertThat(ClusterPolicyApi.matches("\"a\"", "\"b\"")).isFalse();
    assertThat(ClusterPolicyApi.matches(null, "\"b\"")).isFalse();
  }

  private ApiClient.Response policies(@Nullable String ifNoneMatch) {
    var request =
        central.client.request("/v1/clusters/" + sensor.clusterId() + "/policies", sensor.token());
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return central.client.send(request.GET());
  }
}
