package dev.bulwark.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsConnectorTest {
  @Test
  void servesTheCertificateAndARotatedOneToNewConnections(@TempDir Path tls) throws Exception {
    ServingCertificate first =
        ServingCertificate.selfSigned(tls, List.of("localhost"), Clock.systemUTC());
    HttpsConnector https = new HttpsConnector(first, "127.0.0.1", 0, Duration.ofSeconds(5));
    Javalin app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.jetty.addConnector(https::create);
                  config.routes.get("/", ctx -> ctx.result("hello"));
                })
            .start();
    try {
      URI uri = URI.create("https://localhost:" + app.port() + "/");
      HttpResponse<String> response = get(first.caPem(), uri);
      assertThat(response.body()).isEqualTo("hello");
      assertThat(response.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");

      ServingCertificate second =
          ServingCertificate.selfSigned(
              tls, List.of("localhost", "central.example"), Clock.systemUTC());
      https.reload(second);
      Certificate served =
          get(first.caPem(), uri).sslSession().orElseThrow().getPeerCertificates()[0];
      assertThat(served).isEqualTo(second.chain().getFirst());
    } finally {
      app.stop();
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCaIsRefused(@TempDir Path tls, @TempDir Path other)
      throws Exception {
    ServingCertificate served =
        ServingCertificate.selfSigned(tls, List.of("localhost"), Clock.systemUTC());
    ServingCertificate stranger =
        ServingCertificate.selfSigned(other, List.of("localhost"), Clock.systemUTC());
    HttpsConnector https = new HttpsConnector(served, "127.0.0.1", 0, Duration.ofSeconds(5));
    Javalin app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.jetty.addConnector(https::create);
                })
            .start();
    try {
      URI uri = URI.create("https://localhost:" + app.port() + "/");
      assertThatThrownBy(() -> get(stranger.caPem(), uri))
          .isInstanceOf(SSLHandshakeException.class);
    } finally {
      app.stop();
    }
  }

  @Test
  void aPortOutOfRangeIsRefused(@TempDir Path tls) throws Exception {
    ServingCertificate certificate =
        ServingCertificate.selfSigned(tls, List.of("localhost"), Clock.systemUTC());

    assertThatThrownBy(() -> new HttpsConnector(certificate, "127.0.0.1", 70000, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  private static HttpResponse<String> get(String caPem, URI uri) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int index = 0;
    for (Certificate certificate :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
      trust.setCertificateEntry("ca" + index++, (X509Certificate) certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    try (HttpClient client = HttpClient.newBuilder().sslContext(context).build()) {
      return client.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
