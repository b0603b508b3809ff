package dev.bulwark.central.detect;

import static dev.bulwark.central.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.central.server.ImageScanSettings;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /v1/detect/build} without a registry: what it refuses, and how it bounds scans. A
 * "tarpit" registry on loopback accepts connections and never answers, so a scan of one of its
 * images lasts until central's deadline; a closed loopback port is an unreachable registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DetectBuildApiTest {
  private static final Duration DEADLINE = Duration.ofSeconds(2);

  @TempDir static Path data;

  private TestServer central;
  private String ci;
  private ServerSocket tarpit;
  private final CountDownLatch tarpitConnected = new CountDownLatch(1);
  private final List<Socket> held = new ArrayList<>();
  private int closedPort;

  @BeforeAll
  void start() throws IOException {
    tarpit = new ServerSocket(0);
    Thread.ofVirtual().start(this::holdConnections);
    try (ServerSocket closed = new ServerSocket(0)) {
      closedPort = closed.getLocalPort();
    }
    String tarpitHost = "127.0.0.1:" + tarpit.getLocalPort();
    central =
        TestServer.start(
            data,
            TestDatabases.fresh(),
            settings ->
                TestServer.withImageScans(
                    settings,
                    new ImageScanSettings(
                        null,
                        List.of(tarpitHost, "127.0.0.1:" + closedPort),
                        null,
                        1,
                        DEADLINE,
                        false,
                        ImageScanSettings.DEFAULT_RESCAN_INTERVAL)));
    ci = central.issue("pipeline", "ci");
  }

  private void holdConnections() {
    while (!tarpit.isClosed()) {
      try {
        Socket socket = tarpit.accept();
        synchronized (held) {
          held.add(socket);
        }
        tarpitConnected.countDown();
      } catch (IOException e) {
        return;
      }
    }
  }

  @AfterAll
  void stop() throws IOException {
    central.close();
    tarpit.close();
    synchronized (held) {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "oci:/var/lib/layouts/app:1.0",
        "oci-archive:/tmp/app.tar",
        "docker-archive:/tmp/app.tar:latest",
        "dir:/",
        "/etc",
        "./app",
        "../app",
        "~/app",
        "sbom:/tmp/app.cdx.json",
        "docker://oci:/tmp/layout"
      })
  void localImagesAreRefusedWithoutReadingCentralsFiles(String reference) {
    assertProblem(build(ci, image(reference)), 422, "validation-failed", "local image or file");
  }

  @Test
  void aMalformedReferenceIsA422() {
    assertProblem(
        build(ci, image("registry.example.com/Team/App:1.0")),
        422,
        "validation-failed",
        "invalid repository");
  }

  @Test
  void aMissingImageIsA422() {
    assertProblem(build(ci, "{}"), 422, "validation-failed", "required");
  }

  @Test
  void anUnknownFieldIsA422() {
    assertProblem(
        build(ci, "{\"image\": \"nginx\", \"tag\": \"1\"}"),
        422,
        "validation-failed",
        "unknown field 'tag'");
  }

  @Test
  void brokenJsonIsA400() {
    assertProblem(build(ci, "{\"image\": "), 400, "invalid-json", "not valid JSON");
  }

  @Test
  void aBadPlatformIsA422() {
    assertProblem(
        build(ci, "{\"image\": \"nginx\", \"platform\": \"linux\"}"),
        422,
        "validation-failed",
        "OS/ARCH");
  }

  @Test
  void anUnreachableRegistryIsA422WithTheScannersMessage() {
    ApiClient.Response response = build(ci, image("127.0.0.1:" + closedPort + "/team/app:1.0"));

    assertProblem(
        response, 422, "image-unavailable", "central cannot scan 127.0.0.1:" + closedPort);
  }

  @Test
  void onlyRolesWithDetectMayCheck() {
    String unreachable = image("127.0.0.1:" + closedPort + "/team/app:1.0");
    TestServer.Sensor sensor = central.register("build-cluster");

    assertThat(build(null, unreachable).status()).isEqualTo(401);
    assertThat(build(sensor.token(), unreachable).status()).isEqualTo(403);
    assertThat(build(central.issue("analyst", "analyst"), unreachable).status()).isEqualTo(422);
    assertThat(build(central.adminToken, unreachable).status()).isEqualTo(422);
  }

  // Last: the scan it times out may hold the one slot a moment after its request gave up.
  @Test
  @Order(Integer.MAX_VALUE)
  void aScanPastTheDeadlineIsA504AndAFullScannerA429() throws Exception {
    String slow = image("127.0.0.1:" + tarpit.getLocalPort() + "/team/slow:1.0");
    CompletableFuture<ApiClient.Response> first =
        CompletableFuture.supplyAsync(() -> build(ci, slow));
    assertThat(tarpitConnected.await(10, TimeUnit.SECONDS)).isTrue();

    ApiClient.Response refused = build(ci, image("registry.example.com/team/app:1.0"));

    assertProblem(refused, 429, "scans-busy", "retry");
    assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("10");
    assertProblem(first.get(30, TimeUnit.SECONDS), 504, "scan-timeout", "team/slow");
  }

  private ApiClient.Response build(@Nullable String token, String json) {
    return central.client.post("/v1/detect/build", token, json);
  }

  private static String image(String reference) {
    return "{\"image\": \"" + reference + "\"}";
  }
}
