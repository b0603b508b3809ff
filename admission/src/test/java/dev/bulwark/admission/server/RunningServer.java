package dev.bulwark.admission.server;

import dev.bulwark.admission.decision.AdmissionDecider;
import dev.bulwark.admission.decision.AdmissionSettings;
import dev.bulwark.admission.decision.AuditSink;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.server.tls.ServingCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The server on a free loopback port with the built-in pack, and an HTTPS client trusting it. */
final class RunningServer implements AutoCloseable {
  final AdmissionServer server;
  final HttpClient client;
  final AdmissionMetrics metrics = new AdmissionMetrics();
  private final SSLContext trust;

  RunningServer(Path tlsDirectory, AuditSink audit, int maxRequestBytes) throws Exception {
    Clock clock = Clock.systemUTC();
    ServingCertificate certificate =
        ServingCertificate.selfSigned(tlsDirectory, List.of("localhost", "127.0.0.1"), clock);
    AdmissionDecider decider =
        new AdmissionDecider(
            PolicyCompiler.compile(BuiltinPolicies.all(), List.of()),
            AdmissionSettings.defaults(),
            ReadLimits.DEFAULT,
            clock);
    server =
        AdmissionServer.start(
            new ServerSettings("127.0.0.1", 0, maxRequestBytes, 8, Duration.ofSeconds(2)),
            certificate,
            () -> decider,
            AdmissionSettings.defaults(),
            audit,
            metrics);
    trust = trusting(certificate.caPem());
    client = client(trust);
  }

  private RunningServer(RunningServer running) {
    this.server = running.server;
    this.trust = running.trust;
    this.client = client(trust);
  }

  /** The same server seen through a new client, so on a new TLS connection. */
  RunningServer reconnected() {
    return new RunningServer(this);
  }

  private static HttpClient client(SSLContext trust) {
    return HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
  }

  HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  private static SSLContext trusting(String caPem) throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(
        "ca",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  @Override
  public void close() {
    server.close();
  }
}
