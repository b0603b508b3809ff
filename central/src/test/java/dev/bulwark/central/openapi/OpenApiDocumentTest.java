package dev.bulwark.central.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.central.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI document describes every route with its security, resolves every reference,
 * and equals docs/central-openapi.json. Regenerate that file with {@code -Dgolden.update=true} (the
 * test then fails once, so an update never passes silently).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
  private static final Path CHECKED_IN = Path.of("..", "docs", "central-openapi.json");

  @TempDir static Path data;

  private TestServer central;
  private String served;
  private JsonNode document;

  @BeforeAll
  void start() throws IOException {
    central = TestServer.start(data);
    served = central.client.get("/v1/openapi.json", central.adminToken).raw().body();
    document = new ObjectMapper().readTree(served);
  }

  @AfterAll
  void stop() {
    central.close();
  }

  @Test
  void isAnOpenApi31DocumentOfTheV1Api() {
    assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(document.get("info").get("version").asText()).isEqualTo("1");
    assertThat(
            document
                .get("components")
                .get("securitySchemes")
                .get("bearerAuth")
                .get("scheme")
                .asText())
        .isEqualTo("bearer");
    document
        .get("paths")
        .fieldNames()
        .forEachRemaining(path -> assertThat(path).startsWith("/v1/"));
  }

  @Test
  void everyOperationStatesItsSecurityPermissionAndProblems() {
    List<String> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fields()
          .forEachRemaining(method -> {
            JsonNode operation = method.getValue();
            String name = method.getKey() + " " + path.getKey();
            operations.add(name);
            assertThat(operation.get("operationId").asText()).as(name).isNotBlank();
            assertThat(operation.get("x-bulwark-permission").asText()).as(name).isNotBlank();
            JsonNode security = operation.get("security");
            if (operation.get("x-bulwark-permission").asText().equals("public")) {
              assertThat(security).as(name).isEmpty();
            } else {
              assertThat(security.get(0).has("bearerAuth")).as(name).isTrue();
              assertThat(operation.get("responses").has("401")).as(name).isTrue();
              assertThat(operation.get("responses").has("403")).as(name).isTrue();
            }
          });
    }
    assertThat(operations)
        .contains(
            "get /v1/health",
            "post /v1/clusters",
            "get /v1/clusters",
            "get /v1/clusters/{id}",
            "post /v1/clusters/{id}/heartbeat",
            "post /v1/tokens",
            "get /v1/tokens",
            "get /v1/tokens/{id}",
            "delete /v1/tokens/{id}",
            "get /v1/audit",
            "get /v1/openapi.json");
  }

  @Test
  void everyReferenceResolves() {
    Matcher references =
        Pattern.compile("\"\\$ref\":\"#/components/schemas/([^\"]+)\"")
            .matcher(document.toString());
    int count = 0;
    while (references.find()) {
      assertThat(document.get("components").get("schemas").has(references.group(1)))
          .as(references.group(1))
          .isTrue();
      count++;
    }
    assertThat(count).isGreaterThan(10);
  }

  @Test
  void theCheckedInCopyIsCurrent() throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(CHECKED_IN, served, StandardCharsets.UTF_8);
      throw new AssertionError(CHECKED_IN + " regenerated; re-run without -Dgolden.update");
    }
    assertThat(CHECKED_IN).as("%s is missing; run with -Dgolden.update=true", CHECKED_IN).exists();
    assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
        .as("%s is stale; regenerate with -Dgolden.update=true", CHECKED_IN)
        .isEqualTo(served);
  }
}
