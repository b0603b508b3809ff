package dev.bulwark.sensor.central;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls central's API for one cluster with its sensor token, over HTTPS trusting central's CA file
 * (else the system's trust store). The token is sent only as a header and never logged.
 * Thread-safe.
 */
public final class CentralClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final UUID cluster;
  private final String token;
  private final HttpClient http;
  private final Duration timeout;

  /** What central answered. */
  public record Response(int status, byte[] body, Optional<String> etag) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Central's problem detail, shortened for a log line. */
    public String summary() {
      String text = text();
      return "HTTP " + status + (text.isBlank() ? "" : ": " + abbreviate(text));
    }

    private static String abbreviate(String text) {
      String line = text.replaceAll("\\s+", " ").strip();
      return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }
  }

  /**
   * @param base central's URL, such as {@code https://central:8443}
   * @param caFile PEM certificates to trust; null trusts the system's store
   * @param timeout how long one request may take (a large resync needs long)
   * @throws IOException when the CA file cannot be read or holds no certificate
   */
  public CentralClient(
      URI base, UUID cluster, String token, @Nullable Path caFile, Duration timeout)
      throws IOException {
    this.base = base;
    this.cluster = cluster;
    this.token = token;
    this.timeout = timeout;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (caFile != null) {
      builder.sslContext(trusting(caFile));
    }
    this.http = builder.build();
  }

  public UUID cluster() {
    return cluster;
  }

  /** {@code /v1/clusters/{id}} followed by {@code suffix}. */
  public String clusterPath(String suffix) {
    return "/v1/clusters/" + cluster + suffix;
  }

  /** Sends a request; IOException when central cannot be reached or the call times out. */
  public Response send(
      String method, String path, HttpRequest.@Nullable BodyPublisher body, List<String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    for (int index = 0; index + 1 < headers.size(); index += 2) {
      request.header(headers.get(index), headers.get(index + 1));
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, body);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Response(
        response.statusCode(), response.body(), response.headers().firstValue("ETag"));
  }

  /** Sends a JSON body. */
  public Response send(String method, String path, byte[] body)
      throws IOException, InterruptedException {
    return send(method, path, HttpRequest.BodyPublishers.ofByteArray(body), List.of());
  }

  private static SSLContext trusting(Path caFile) throws IOException {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("central-" + index++, certificate);
      }
      if (index == 0) {
        throw new IOException(caFile + ": holds no PEM certificate");
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(caFile + ": not a PEM certificate file: " + e.getMessage(), e);
    }
  }
}
