package dev.bulwark.central.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.central.testing.ApiClient;
import dev.bulwark.central.testing.TestDatabases;
import dev.bulwark.central.testing.TestServer;
import dev.bulwark.server.tls.ServingCertificate;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that trust {@code <data-dir>/tls.crt} reach central with hostname verification on. */
class TlsTest {
  @Test
  void clientsTrustingTheWrittenCertificateConnectByNameAndAddress(@TempDir Path data)
      throws Exception {
    try (TestServer central = TestServer.start(data.resolve("central"))) {
      Path certificate = data.resolve("central/tls.crt");
      assertThat(central.server.started().certificate()).isEqualTo(certificate);
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(data.resolve("central/tls.key"))))
          .isEqualTo("rw-------");

      for (String host : List.of("localhost", "127.0.0.1")) {
        try (ApiClient client =
            new ApiClient(certificate, URI.create("https://" + host + ":" + central.port()))) {
          ApiClient.Response health = client.get("/v1/health", null);
          assertThat(health.status()).as(host).isEqualTo(200);
          X509Certificate served =
              (X509Certificate) health.raw().sslSession().orElseThrow().getPeerCertificates()[0];
          assertThat(served.getSubjectAlternativeNames())
              .extracting(name -> String.valueOf(name.get(1)))
              .contains("localhost", "127.0.0.1", InetAddress.getLocalHost().getHostName());
        }
      }

      ServingCertificate.selfSigned(data.resolve("other"), List.of("localhost"), Clock.systemUTC());
      try (ApiClient untrusting =
          new ApiClient(
              data.resolve("other/tls.crt"), URI.create("https://localhost:" + central.port()))) {
        assertThatThrownBy(() -> untrusting.get("/v1/health", null))
            .cause()
            .isInstanceOf(SSLHandshakeException.class);
      }
    }
  }

  @Test
  void givenCertificateFilesAreServed(@TempDir Path data) throws Exception {
    ServingCertificate given =
        ServingCertificate.selfSigned(
            data.resolve("issued"), List.of("central.example", "localhost"), Clock.systemUTC());
    Path cert = data.resolve("issued/tls.crt");
    Path key = data.resolve("issued/tls.key");

    try (TestServer central =
        TestServer.start(
            data.resolve("central"),
            TestDatabases.fresh(),
            settings -> TestServer.withCertificate(settings, cert, key))) {
      assertThat(central.server.started().certificate()).isEqualTo(cert);
      assertThat(central.server.started().certificateGenerated()).isFalse();
      assertThat(data.resolve("central/tls.crt")).doesNotExist();
      X509Certificate served =
          (X509Certificate)
              central
                  .client
                  .get("/v1/health", null)
                  .raw()
                  .sslSession()
                  .orElseThrow()
                  .getPeerCertificates()[0];
      assertThat(served).isEqualTo(given.chain().getFirst());
    }
  }
}
