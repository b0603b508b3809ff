package dev.bulwark.central.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * An HTTPS client for central's API that trusts exactly the certificates in one PEM file (the
 * server's {@code tls.crt}), with the JDK's hostname verification on.
 */
public final class ApiClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;

  /** A response: status, the body as JSON (null when empty or not JSON), and the raw response. */
  public record Response(int status, @Nullable JsonNode json, HttpResponse<String> raw) {
    public String contentType() {
      return raw.headers().firstValue("Content-Type").orElse("");
    }

    /** The body; fails the test when there is none. */
    public JsonNode body() {
      if (json == null) {
        throw new AssertionError("no JSON body: " + status + " " + raw.body());
      }
      return json;
    }
  }

  public ApiClient(Path trustedCertificates, URI base) {
    this.http = HttpClient.newBuilder().sslContext(trusting(trustedCertificates)).build();
    this.base = base;
  }

  public Response get(String path, @Nullable String token) {
    return send(request(path, token).GET());
  }

  public Response delete(String path, @Nullable String token) {
    return send(request(path, token).DELETE());
  }

  public Response post(String path, @Nullable String token, String json) {
    return post(path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  public Response post(String path, @Nullable String token, String contentType, byte[] body) {
    return send(
        request(path, token)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** Sends a request built by the test (odd headers, methods). */
  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!response.body().isEmpty() && type.contains("json")) {
        json = JSON.readTree(response.body());
      }
      return new Response(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request to {@code path} with the token, if any. */
  public HttpRequest.Builder request(String path, @Nullable String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  @Override
  public void close() {
    http.close();
  }

  private static SSLContext trusting(Path pem) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int index = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
        trust.setCertificateEntry("trusted-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + pem, e);
    }
  }
}
