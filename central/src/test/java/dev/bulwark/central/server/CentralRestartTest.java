package dev.bulwark.central.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.central.auth.AdminBootstrap;
import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central with no options but a data directory (the embedded PostgreSQL) keeps everything across a
 * restart: clusters, tokens, alerts, the admin token (not made again), the certificate and the
 * secrets key.
 */
class CentralRestartTest {
  private static final String ATTEMPT =
      """
      {"requestUid": "r-1", "operation": "CREATE", "time": "2030-01-01T00:00:00Z",
       "object": {"apiVersion": "v1", "kind": "Pod", "namespace": "default", "name": "denied"},
       "violations": [{"policyId": "p", "policyName": "P", "severity": "HIGH"}]}
      """;

  @Test
  void aRestartOnTheSameDataDirectoryKeepsEverything(@TempDir Path data) throws Exception {
    CentralSettings settings = settings(data);
    String admin;
    String clusterId;
    String analyst;
    Certificate certificate;
    try (CentralServer first = CentralServer.start(settings, Clock.systemUTC())) {
      CentralServer.Started started = first.started();
      assertThat(started.database()).startsWith("embedded PostgreSQL 18.");
      assertThat(started.migration().applied()).isEqualTo(8);
      assertThat(started.builtinPolicies().seeded()).isEqualTo(BuiltinPolicies.IDS.size());
      assertThat(started.secretKeyGenerated()).isTrue();
      assertThat(started.admin()).isInstanceOf(AdminBootstrap.Outcome.Created.class);
      admin = ((AdminBootstrap.Outcome.Created) started.admin()).token().secret();
      for (String file : List.of("admin-token", "secret.key", "tls.key", "postgres/password")) {
        assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
      }
      assertThat(mode(data)).isEqualTo("rwx------");
      assertThat(Files.readString(data.resolve("admin-token")).strip()).isEqualTo(admin);

      try (ApiClient client = client(started)) {
        var cluster = client.post("/v1/clusters", admin, "{\"name\": \"survivor\"}").body();
        clusterId = cluster.get("id").asText();
        assertThat(
                client
                    .post(
                        "/v1/clusters/" + clusterId + "/alerts/attempted",
                        cluster.get("token").asText(),
                        ATTEMPT)
                    .status())
            .isEqualTo(200);
        analyst =
            client
                .post("/v1/tokens", admin, "{\"name\": \"analyst\", \"role\": \"analyst\"}")
                .body()
                .get("token")
                .asText();
        certificate =
            client
                .get("/v1/health", null)
                .raw()
                .sslSession()
                .orElseThrow()
                .getPeerCertificates()[0];
      }
      assertThatThrownBy(() -> CentralServer.start(settings, Clock.systemUTC()))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("another bulwark central uses the data directory");
    }

    try (CentralServer second = CentralServer.start(settings, Clock.systemUTC())) {
      CentralServer.Started started = second.started();
      assertThat(started.admin())
          .isEqualTo(new AdminBootstrap.Outcome.Existing(data.resolve("admin-token")));
      assertThat(started.migration().applied()).isZero();
      assertThat(started.builtinPolicies().seeded()).isZero();
      assertThat(started.secretKeyGenerated()).isFalse();
      assertThat(Files.readString(data.resolve("admin-token")).strip()).isEqualTo(admin);
      try (ApiClient client = client(started)) {
        assertThat(client.get("/v1/clusters/" + clusterId, analyst).body().get("name").asText())
            .isEqualTo("survivor");
        assertThat(client.get("/v1/tokens", admin).body().get("items")).hasSize(3);
        assertThat(client.get("/v1/alerts?state=ATTEMPTED", analyst).body().get("items"))
            .singleElement()
            .satisfies(alert ->
                assertThat(alert.get("deployment").get("name").asText()).isEqualTo("denied"));
        assertThat(
                client
                    .get("/v1/health", null)
                    .raw()
                    .sslSession()
                    .orElseThrow()
                    .getPeerCertificates()[0])
            .isEqualTo(certificate);
      }
    }
  }

  private static CentralSettings settings(Path data) {
    return new CentralSettings(
        "127.0.0.1",
        0,
        data,
        null,
        CentralSettings.defaultBinaries(
            System.getenv("XDG_CACHE_HOME"), Path.of(System.getProperty("user.home"))),
        null,
        null,
        List.of(),
        null,
        null,
        null,
        CentralSettings.DEFAULT_MAX_REQUEST_BYTES,
        4,
        Duration.ofMinutes(10),
        CentralSettings.DEFAULT_ALERT_RETENTION,
        ImageScanSettings.DEFAULTS);
  }

  private static ApiClient client(CentralServer.Started started) {
    return new ApiClient(started.certificate(), URI.create("https://localhost:" + started.port()));
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
