package dev.bulwark.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The running command, not its parts: a policy file changed while {@code bulwark
 * admission-controller} serves is in force within the reload interval, and a broken one keeps the
 * last good set; the metrics name the version of the set in force.
 */
class AdmissionControllerReloadTest {
  private static final Pattern LISTENING = Pattern.compile("listening on https://[^:]+:(\\d+)/");

  @Test
  void aChangedPolicyFileIsInForceWithoutARestart(
      @TempDir Path policies, @TempDir Path tls, @TempDir Path version) throws Exception {
    Path policy = Files.writeString(policies.resolve("tags.json"), forbiddenTag("forbidden"));
    Path fingerprint = Files.writeString(version.resolve("fingerprint"), "set-1\n");
    Controller controller =
        Controller.start(
            "admission-controller",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-defaults",
            "--policies",
            policies.toString(),
            "--tls-dir",
            tls.toString(),
            "--fingerprint-file",
            fingerprint.toString(),
            "--reload-interval",
            "1");
    try (controller) {
      int port = controller.port();
      HttpClient client = client(tls.resolve("ca.crt"));
      byte[] forbidden = review("registry.example.com/app:forbidden");
      byte[] other = review("registry.example.com/app:other");
      assertThat(allowed(client, port, forbidden)).isFalse();
      assertThat(allowed(client, port, other)).isTrue();
      assertThat(metrics(client, port)).contains(inForce("set-1"));

      Files.writeString(policy, forbiddenTag("other"));
      Files.writeString(fingerprint, "set-2\n");
      awaitAllowed(client, port, forbidden, true);
      assertThat(allowed(client, port, other)).isFalse();
      assertThat(metrics(client, port)).contains(inForce("set-2")).doesNotContain("set-1");

      Files.writeString(policy, "{\"id\": \"broken\", \"name\": ");
      Files.writeString(fingerprint, "set-3\n");
      Thread.sleep(2_500);
      assertThat(allowed(client, port, other))
          .as("a broken file keeps the last good set")
          .isFalse();
      assertThat(allowed(client, port, forbidden)).isTrue();
      assertThat(metrics(client, port)).contains(inForce("set-2")).doesNotContain("set-3");
    }
  }

  @Test
  void theShippedDeploymentFragmentServesTheFilesTheSensorPushes(
      @TempDir Path configMap, @TempDir Path tls) throws Exception {
    Files.writeString(configMap.resolve("policies.json"), forbiddenTag("forbidden"));
    Files.writeString(configMap.resolve("exceptions.yaml"), "{\"exceptions\": []}\n");
    Files.writeString(configMap.resolve("fingerprint"), "central-set-7\n");
    List<String> args = new ArrayList<>();
    for (String arg : shippedArgs()) {
      args.add(
          arg.replace("/etc/bulwark/policies", configMap.toString())
              .replace("/var/run/bulwark/tls", tls.toString()));
    }
    args.addAll(List.of("--host", "127.0.0.1", "--port", "0"));

    try (Controller controller = Controller.start(args.toArray(String[]::new))) {
      HttpClient client = client(tls.resolve("ca.crt"));

      assertThat(allowed(client, controller.port(), review("registry.example.com/app:forbidden")))
          .isFalse();
      assertThat(allowed(client, controller.port(), review("registry.example.com/app:1.0")))
          .as("--no-defaults: only the pushed policies")
          .isTrue();
      assertThat(metrics(client, controller.port())).contains(inForce("central-set-7"));
    }
  }

  /** The admission container's arguments in deploy/admission/admission-controller.yaml. */
  private static List<String> shippedArgs() throws Exception {
    Path fragment = Path.of("..", "deploy", "admission", "admission-controller.yaml");
    ObjectMapper json = new ObjectMapper();
    for (Object document :
        new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(fragment))) {
      JsonNode object = json.valueToTree(document);
      if (object.path("kind").asText().equals("Deployment")) {
        List<String> args = new ArrayList<>();
        object
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .path(0)
            .path("args")
            .forEach(arg -> args.add(arg.asText()));
        return args;
      }
    }
    throw new AssertionError("no Deployment in " + fragment);
  }

  /** {@code bulwark admission-controller} running on a thread, stopped by interrupting it. */
  private record Controller(Thread thread, int port) implements AutoCloseable {
    static Controller start(String... args) throws InterruptedException {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      Thread thread =
          Thread.ofPlatform()
              .name("admission-controller-under-test")
              .start(() ->
                  AdmissionMain.commandLine()
                      .setOut(new PrintWriter(out, true))
                      .setErr(new PrintWriter(err, true))
                      .execute(args));
      try {
        return new Controller(thread, awaitPort(out, err));
      } catch (AssertionError e) {
        thread.interrupt();
        throw e;
      }
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(10_000);
      assertThat(thread.isAlive()).as("the controller stops when interrupted").isFalse();
    }
  }

  private static String inForce(String version) {
    return "bulwark_admission_policy_set_info{fingerprint=\"" + version + "\"} 1";
  }

  private static String metrics(HttpClient client, int port) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .body();
  }

  private static int awaitPort(StringWriter out, StringWriter err) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher listening = LISTENING.matcher(out.toString());
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the controller did not start: " + out + err);
  }

  private static void awaitAllowed(HttpClient client, int port, byte[] review, boolean expected)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (allowed(client, port, review) != expected) {
      assertThat(System.nanoTime()).as("the reload took effect in time").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static boolean allowed(HttpClient client, int port, byte[] review) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(review))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body().contains("\"allowed\":true");
  }

  private static byte[] review(String image) {
    return Reviews.review(
        "CREATE",
        "shop",
        Reviews.deployment("web", "{}").replace("registry.example.com/app:1.0", image),
        null);
  }

  private static HttpClient client(Path caFile) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(
        "ca",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caFile))));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  private static String forbiddenTag(String tag) {
    return """
    {"id": "forbidden-tag", "name": "Forbidden tag", "severity": "HIGH_SEVERITY",
     "description": "Images tagged %s are not deployed.",
     "lifecycleStages": ["DEPLOY"], "categories": ["Security Best Practices"],
     "enforcementActions": ["FAIL_DEPLOYMENT_CREATE_ENFORCEMENT"],
     "policySections": [{"policyGroups": [{"fieldName": "Image Tag",
       "values": [{"value": "%s"}]}]}]}
    """
        .formatted(tag, tag);
  }
}
