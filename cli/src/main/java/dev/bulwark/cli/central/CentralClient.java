package dev.bulwark.cli.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Asks central's detection endpoints over HTTPS with an API token. Host names are always verified;
 * with a CA file only its certificates are trusted, else the system's. Thread-safe.
 */
public final class CentralClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  // Central bounds an image scan to five minutes; the answer may take that long.
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(6);

  private final URI base;
  private final String token;
  private final HttpClient http;

  /** One file of a multipart request: its name (the source name central reports) and content. */
  public record Part(String fileName, byte[] content) {}

  /**
   * @param certificateAuthority PEM certificates to trust instead of the system's, or null
   * @throws CentralException when the CA file cannot be read
   */
  CentralClient(URI base, String token, @Nullable Path certificateAuthority)
      throws CentralException {
    this.base = base;
    this.token = token;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
    if (certificateAuthority != null) {
      builder.sslContext(trusting(certificateAuthority));
    }
    this.http = builder.build();
  }

  /** Where the client sends requests, for messages. */
  public URI base() {
    return base;
  }

  /**
   * Posts the files as {@code multipart/form-data}.
   *
   * @return the JSON answer of a 200
   * @throws CentralException when central cannot be reached or answers anything else
   */
  public String postFiles(String path, List<Part> parts)
      throws CentralException, InterruptedException {
    String boundary = "bulwark-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Part part : parts) {
      String header =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
              + part.fileName().replace("\"", "%22")
              + "\"\r\nContent-Type: application/yaml\r\n\r\n";
      body.writeBytes(header.getBytes(StandardCharsets.UTF_8));
      body.writeBytes(part.content());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  /**
   * Posts a JSON body.
   *
   * @return the JSON answer of a 200
   * @throws CentralException when central cannot be reached or answers anything else
   */
  public String postJson(String path, String json) throws CentralException, InterruptedException {
    return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private String post(String path, String contentType, byte[] body)
      throws CentralException, InterruptedException {
    URI uri = base.resolve(path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (SSLException e) {
      throw new CentralException(
          "TLS with central at "
              + base
              + " failed ("
              + e.getMessage()
              + "): give the certificate central serves (its tls.crt or CA) with --central-ca",
          e);
    } catch (HttpTimeoutException e) {
      throw new CentralException("central at " + base + " did not answer in time", e);
    } catch (ConnectException e) {
      throw new CentralException(
          "cannot connect to central at " + base + ": check the URL and that central runs", e);
    } catch (IOException e) {
      throw new CentralException(
          "cannot reach central at "
              + base
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          e);
    }
    if (response.statusCode() == 200) {
      return response.body();
    }
    throw new CentralException(problem(response));
  }

  /** {@code central answered STATUS TITLE: DETAIL} from an RFC 9457 problem, or the status. */
  private static String problem(HttpResponse<String> response) {
    String title = "";
    String detail = "";
    try {
      JsonNode problem = JSON.readTree(response.body());
      if (problem != null) {
        title = problem.path("title").asText("");
        detail = problem.path("detail").asText("");
      }
    } catch (IOException e) {
      // Not a problem document (a proxy's page, say): the status alone is reported.
    }
    StringBuilder message = new StringBuilder("central answered ").append(response.statusCode());
    if (!title.isEmpty()) {
      message.append(' ').append(title);
    }
    if (!detail.isEmpty()) {
      message.append(": ").append(detail);
    }
    if (response.statusCode() == 401) {
      message
          .append(" (check the token in --central-token-file or $")
          .append(CentralOptions.TOKEN_VARIABLE)
          .append(')');
    }
    return message.toString();
  }

  private static SSLContext trusting(Path pem) throws CentralException {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new CentralException(pem + " holds no PEM certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("central-" + index++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new CentralException("cannot read " + pem + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new CentralException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }
}
