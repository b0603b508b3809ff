package dev.bulwark.central.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.central.auth.Permission;
import dev.bulwark.central.auth.Role;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the server describes, called without a token and with a token of every role: 401
 * without one (except the public health check), 403 for a role without the route's permission,
 * neither for a role with it. Routes added later are covered without touching this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
  @TempDir static Path data;

  private TestServer central;
  private final Map<Role, String> tokens = new EnumMap<>(Role.class);
  private String sensorCluster;

  @BeforeAll
  void start() {
    central = TestServer.start(data);
    tokens.put(Role.ADMIN, central.adminToken);
    tokens.put(Role.ANALYST, central.issue("matrix-analyst", "analyst"));
    tokens.put(Role.CI, central.issue("matrix-ci", "ci"));
    TestServer.Sensor sensor = central.register("matrix");
    tokens.put(Role.SENSOR, sensor.token());
    sensorCluster = sensor.clusterId();
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @TestFactory
  Stream<DynamicTest> everyRouteDemandsItsPermission() {
    JsonNode paths = central.client.get("/v1/openapi.json", central.adminToken).body().get("paths");
    List<DynamicTest> tests = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
          methods.hasNext(); ) {
        Map.Entry<String, JsonNode> operation = methods.next();
        String method = operation.getKey().toUpperCase(Locale.ROOT);
        String route = path.getKey().replace("{id}", sensorCluster);
        Permission permission =
            permission(operation.getValue().get("x-bulwark-permission").asText());
        tests.add(
            DynamicTest.dynamicTest(
                method + " " + path.getKey() + " without a token",
                () -> checkAnonymous(method, route, permission)));
        for (Role role : Role.values()) {
          tests.add(
              DynamicTest.dynamicTest(
                  method + " " + path.getKey() + " as " + role.wireName(),
                  () -> checkRole(method, route, permission, role)));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(5 * 8);
    return tests.stream();
  }

  private void checkAnonymous(String method, String route, Permission permission) {
    ApiClient.Response response = call(method, route, null);
    if (permission.isPublic()) {
      assertThat(response.status()).isNotIn(401, 403);
      return;
    }
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("type").asText()).isEqualTo("urn:bulwark:problem:token-missing");
    assertThat(response.raw().headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"bulwark\"");
  }

  private void checkRole(String method, String route, Permission permission, Role role) {
    ApiClient.Response response = call(method, route, tokens.get(role));
    if (permission.isPublic() || permission.grants(role)) {
      assertThat(response.status()).as(response.raw().body()).isNotIn(401, 403, 500);
      return;
    }
    assertThat(response.status()).as(response.raw().body()).isEqualTo(403);
    assertThat(response.body().get("type").asText())
        .isEqualTo("urn:bulwark:problem:permission-denied");
    assertThat(response.body().get("detail").asText())
        .contains(role.wireName())
        .contains(permission.wireName());
  }

  private ApiClient.Response call(String method, String route, @Nullable String token) {
    HttpRequest.Builder request = central.client.request(route, token);
    if (method.equals("GET") || method.equals("DELETE")) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString("{\"sensorVersion\": \"1.0\"}"));
    }
    return central.client.send(request);
  }

  private static Permission permission(String wireName) {
    return Arrays.stream(Permission.values())
        .filter(permission -> permission.wireName().equals(wireName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("unknown permission " + wireName));
  }
}
