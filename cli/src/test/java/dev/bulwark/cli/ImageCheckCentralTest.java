package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.detect.build.CheckedImage;
import dev.bulwark.detect.build.ImageCheckJson;
import dev.bulwark.detect.build.ImageCheckReport;
import dev.bulwark.detect.build.ImageViolation;
import dev.bulwark.detect.build.PolicyResult;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.scanner.analyzer.Note;
import dev.bulwark.server.tls.ServingCertificate;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bulwark image check --central}: against a local HTTPS peer that records the request and
 * answers what central would, an image check made by the detect library.
 */
class ImageCheckCentralTest {
  private static final String TOKEN = "bwk_test-token";
  private static final String IMAGE = "registry.example.com/team/app:latest";
  private static final String DIGEST =
      "sha256:abababababababababababababababababababababababababababababababab";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private HttpsServer server;
  private Path ca;
  private Path tokenFile;
  private final List<Recorded> requests = new ArrayList<>();
  private int status = 200;
  private @Nullable String answer;

  private record Recorded(String path, String authorization, String contentType, String body) {}

  @BeforeEach
  void start() throws Exception {
    ServingCertificate certificate =
        ServingCertificate.selfSigned(
            temp.resolve("tls"), List.of("localhost", "127.0.0.1"), Clock.systemUTC());
    ca = temp.resolve("tls").resolve("tls.crt");
    char[] password = "changeit".toCharArray();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(certificate.keyStore(password), password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.start();
    tokenFile = temp.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    synchronized (requests) {
      requests.add(
          new Recorded(
              exchange.getRequestURI().getPath(),
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
              String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
              body));
    }
    byte[] bytes = String.valueOf(answer).getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** What central answers when its "latest tag" policy is violated, failing the build or not. */
  private static String report(boolean violated) throws IOException {
    Policy policy =
        PolicyReader.parse(
                """
                {"id": "latest-tag", "name": "latest tag", "categories": ["Test"],
                 "lifecycleStages": ["BUILD"], "severity": "HIGH_SEVERITY",
                 "enforcementActions": ["FAIL_BUILD_ENFORCEMENT"],
                 "policySections": [{"policyGroups": [{"fieldName": "Image Tag",
                                                       "values": [{"value": "latest"}]}]}]}
                """,
                "policy.json")
            .getFirst();
    PolicyResult result =
        violated
            ? new PolicyResult(
                policy,
                PolicyResult.Status.VIOLATED,
                List.of(new ImageViolation("Image has tag \"latest\"", null)),
                "")
            : PolicyResult.passed(policy);
    ImageCheckReport report =
        new ImageCheckReport(
            "central",
            CheckedImage.of(IMAGE, null, DIGEST),
            "debian:12",
            null,
            List.of(result),
            List.of(new Note("central", "", "central has no vulnerability database")));
    StringWriter json = new StringWriter();
    ImageCheckJson.write(report, json);
    return json.toString();
  }

  private CheckCommandTest.Run check(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "image",
                "check",
                "--central",
                "https://localhost:" + server.getAddress().getPort(),
                "--central-token-file",
                tokenFile.toString(),
                "--central-ca",
                ca.toString()));
    args.addAll(List.of(extra));
    return CheckCommandTest.run(args.toArray(String[]::new));
  }

  @Test
  void theImageIsSentAndTheJsonAnswerPrintedAsIsWithTheOfflineExitCode() throws IOException {
    answer = report(true);

    CheckCommandTest.Run run = check(IMAGE, "--platform", "linux/arm64", "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEqualTo(answer);
    assertThat(run.err()).contains("1 violated (1 failing the build)");
    assertThat(requests).hasSize(1);
    Recorded request = requests.getFirst();
    assertThat(request.path()).isEqualTo("/v1/detect/build");
    assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(request.contentType()).isEqualTo("application/json");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("image").asText()).isEqualTo(IMAGE);
    assertThat(body.get("platform").asText()).isEqualTo("linux/arm64");
  }

  @Test
  void aPassingAnswerExitsZeroAndRendersAsATable() throws IOException {
    answer = report(false);

    CheckCommandTest.Run run = check(IMAGE);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(IMAGE).contains("1 passed").contains("Build: passes");
    assertThat(JSON.readTree(requests.getFirst().body()).has("platform")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sarif", "junit"})
  void otherFormatsAreWrittenFromTheAnswer(String format) throws IOException {
    answer = report(true);

    CheckCommandTest.Run run = check(IMAGE, "-o", format);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("latest tag");
  }

  @Test
  void aProblemIsShownAndExitsTwo() {
    status = 422;
    answer =
        """
        {"type": "urn:bulwark:problem:image-unavailable", "title": "Unprocessable Content",
         "status": 422, "detail": "central cannot scan it: manifest unknown",
         "instance": "/v1/detect/build"}
        """;

    CheckCommandTest.Run run = check(IMAGE);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("central answered 422 Unprocessable Content: central cannot scan it");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anAnswerThatIsNoImageCheckExitsTwo() {
    answer = "{\"version\": \"1\", \"results\": []}";

    CheckCommandTest.Run run = check(IMAGE);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("answered something else than an image check");
  }

  @Test
  void offlineOptionsAreRefusedWithCentral() {
    CheckCommandTest.Run run = check(IMAGE, "--skip-db", "--image-name", "x/y:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--image-name, --skip-db only apply to local checks");
    assertThat(requests).isEmpty();
  }

  @Test
  void aLocalImageIsRefusedBeforeAskingCentral() throws IOException {
    Path layout = Files.createDirectories(temp.resolve("layout"));

    CheckCommandTest.Run run = check("oci:" + layout + ":1.0");
    CheckCommandTest.Run path = check(layout.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("central pulls images from registries only");
    assertThat(path.exitCode()).isEqualTo(2);
    assertThat(requests).isEmpty();
  }
}
