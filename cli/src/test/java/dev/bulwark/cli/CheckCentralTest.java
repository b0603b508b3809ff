package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.detect.deploy.Blocking;
import dev.bulwark.detect.deploy.CheckRun;
import dev.bulwark.detect.report.Report;
import dev.bulwark.detect.report.ReportFormat;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.server.tls.ServingCertificate;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * {@code bulwark check --central}: against a local HTTPS peer that records the request and answers
 * what central would, a report made by the detect library.
 */
class CheckCentralTest {
  private static final String TOKEN = "bwk_test-token";

  private static final String HOST_NETWORK =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        hostNetwork: true
        containers:
          - name: app
            image: registry.example.com/web:1.0
      """;

  private static final String CLEAN =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: api
      spec:
        containers:
          - name: app
            image: registry.example.com/api:1.0
      """;

  private static final String POLICY =
      """
      {"id": "host-network", "name": "host network", "categories": ["Test"],
       "lifecycleStages": ["DEPLOY"], "severity": "HIGH_SEVERITY",
       "enforcementActions": ["SCALE_TO_ZERO_ENFORCEMENT"],
       "policySections": [{"policyGroups": [{"fieldName": "Host Network",
                                             "values": [{"value": "true"}]}]}]}
      """;

  @TempDir Path temp;

  private HttpsServer server;
  private Path ca;
  private Path tokenFile;
  private final List<Recorded> requests = new ArrayList<>();
  private int status = 200;
  private @Nullable String answer;

  private record Recorded(
      String method, String path, String authorization, String contentType, String body) {}

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
              exchange.getRequestMethod(),
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

  private String url() {
    return "https://localhost:" + server.getAddress().getPort();
  }

  /** What central answers for these files with the host network policy: the library's report. */
  private static String report(List<ManifestSource> sources) throws IOException {
    List<Policy> policies = PolicyReader.parse(POLICY, "policy.json");
    Report report =
        new CheckRun(
                PolicyCompiler.compile(policies, List.of()),
                new ManifestReader(ReadLimits.DEFAULT),
                new Blocking(null),
                ImageDataProvider.NONE,
                "",
                Instant.now(),
                Set.of())
            .run("central", sources, List.of(), List.of());
    StringWriter json = new StringWriter();
    ReportFormat.JSON.writer(false).write(report, json);
    return json.toString();
  }

  private Path write(String name, String text) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void theFilesAreSentAsPartsAndTheAnswerIsPrintedWithTheOfflineExitCode() throws IOException {
    Path web = write("web.yaml", HOST_NETWORK);
    Path api = write("api.yaml", CLEAN);
    answer =
        report(
            List.of(
                ManifestSource.TextSource.direct(web.toString(), HOST_NETWORK),
                ManifestSource.TextSource.direct(api.toString(), CLEAN)));

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "check",
            web.toString(),
            api.toString(),
            "-o",
            "json",
            "--central",
            url(),
            "--central-token-file",
            tokenFile.toString(),
            "--central-ca",
            ca.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).isEqualTo(answer);
    assertThat(requests).hasSize(1);
    Recorded request = requests.getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/detect/deploy");
    assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(request.contentType()).startsWith("multipart/form-data; boundary=");
    String boundary = request.contentType().substring(request.contentType().indexOf('=') + 1);
    assertThat(request.body())
        .contains(
            "filename=\""
                + web
                + "\"\r\nContent-Type: application/yaml\r\n\r\n"
                + HOST_NETWORK
                + "\r\n--"
                + boundary)
        .contains(
            "filename=\""
                + api
                + "\"\r\nContent-Type: application/yaml\r\n\r\n"
                + CLEAN
                + "\r\n--"
                + boundary
                + "--\r\n");
  }

  @Test
  void aCleanAnswerExitsZeroAndRendersAsATable() throws IOException {
    Path api = write("api.yaml", CLEAN);
    answer = report(List.of(ManifestSource.TextSource.direct(api.toString(), CLEAN)));

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "check",
            api.toString(),
            "--central",
            url(),
            "--central-token-file",
            tokenFile.toString(),
            "--central-ca",
            ca.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("1 object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sarif", "junit"})
  void otherFormatsAreWrittenFromTheAnswer(String format) throws IOException {
    Path web = write("web.yaml", HOST_NETWORK);
    answer = report(List.of(ManifestSource.TextSource.direct(web.toString(), HOST_NETWORK)));

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "check",
            web.toString(),
            "-o",
            format,
            "--central",
            url(),
            "--central-token-file",
            tokenFile.toString(),
            "--central-ca",
            ca.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("host network");
  }

  @Test
  void aProblemIsShownAndExitsTwo() throws IOException {
    Path web = write("web.yaml", HOST_NETWORK);
    status = 401;
    answer =
        """
        {"type": "urn:bulwark:problem:token-invalid", "title": "Unauthorized", "status": 401,
         "detail": "the token is not known", "instance": "/v1/detect/deploy"}
        """;

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "check",
            web.toString(),
            "--central",
            url(),
            "--central-token-file",
            tokenFile.toString(),
            "--central-ca",
            ca.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("central answered 401 Unauthorized: the token is not known");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnreachableCentralExitsTwo() throws IOException {
    Path web = write("web.yaml", HOST_NETWORK);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "check",
            web.toString(),
            "--central",
            "https://localhost:" + port,
            "--central-token-file",
            tokenFile.toString(),
            "--central-ca",
            ca.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("central at https://localhost:" + port);
  }

  @Test
  void anUntrustedCertificateExitsTwoAndSaysWhatToGive() throws IOException {
    Path web = write("web.yaml", HOST_NETWORK);
    ServingCertificate.selfSigned(temp.resolve("other"), List.of("localhost"), Clock.systemUTC());

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "check",
            web.toString(),
            "--central",
            url(),
            "--central-token-file",
            tokenFile.toString(),
            "--central-ca",
            temp.resolve("other/ca.crt").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("TLS").contains("--central-ca");
    assertThat(requests).isEmpty();
  }

  @Test
  void offlineOptionsAreRefusedWithCentral() throws IOException {
    Path web = write("web.yaml", HOST_NETWORK);

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "check",
            web.toString(),
            "--central",
            url(),
            "--central-token-file",
            tokenFile.toString(),
            "--policies",
            web.toString(),
            "--fail-on",
            "high");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--policies, --fail-on only apply to local checks");
    assertThat(requests).isEmpty();
  }

  @Test
  void aTokenIsRequired() throws IOException {
    Path web = write("web.yaml", HOST_NETWORK);

    CheckCommandTest.Run run =
        CheckCommandTest.run(
            "check",
            web.toString(),
            "--central",
            url(),
            "--central-token-file",
            temp.resolve("empty").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--central-token-file");
  }
}
