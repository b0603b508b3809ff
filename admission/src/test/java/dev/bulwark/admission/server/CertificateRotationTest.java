package dev.bulwark.admission.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.admission.reload.CertificateRotation;
import dev.bulwark.server.tls.ServingCertificate;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewed serving certificate is served to new connections without a restart. */
class CertificateRotationTest {
  @Test
  void newConnectionsGetTheRotatedCertificate(@TempDir Path tls) throws Exception {
    try (RunningServer running = new RunningServer(tls, (request, decision) -> {}, 64 * 1024)) {
      List<Path> files = List.of(tls.resolve("tls.crt"), tls.resolve("tls.key"));
      CertificateRotation rotation =
          new CertificateRotation(
              files,
              () -> ServingCertificate.fromFiles(files.get(0), files.get(1)),
              running.server::reload);
      X509Certificate before = served(running);

      assertThat(rotation.check()).as("nothing changed").isFalse();
      // a new name forces the generated certificate to be renewed, with a new key
      ServingCertificate.selfSigned(
          tls,
          List.of("localhost", "127.0.0.1", "bulwark-admission.bulwark.svc"),
          Clock.systemUTC());
      assertThat(rotation.check()).isTrue();
      X509Certificate after = served(running.reconnected());

      assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
      assertThat(after.getSubjectAlternativeNames().toString())
          .contains("bulwark-admission.bulwark.svc");
      Files.writeString(files.get(0), "not a certificate");
      assertThat(rotation.check()).as("a broken file keeps the current certificate").isFalse();
      assertThat(served(running.reconnected()).getSerialNumber())
          .isEqualTo(after.getSerialNumber());
    }
  }

  private static X509Certificate served(RunningServer running) throws Exception {
    HttpResponse<String> response = running.get("/healthz");
    return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
  }
}
