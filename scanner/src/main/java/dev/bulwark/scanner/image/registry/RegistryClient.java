package dev.bulwark.scanner.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.ImageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A minimal Docker Registry HTTP API v2 / OCI distribution client for pulling: manifests (and
 * indexes) by tag or digest, and blobs, streamed and verified against their digest. Authenticates
 * anonymously, with HTTP Basic, or with a bearer token obtained from the challenge's token endpoint
 * (with the credentials, if any). Uses HTTPS, or plain HTTP only when created insecure. Redirects
 * (blob storage) are followed without forwarding credentials to another host. Thread-safe.
 */
public final class RegistryClient {
  /** Media types asked for: both manifest and index flavours, OCI and Docker. */
  static final String MANIFEST_ACCEPT =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  private static final int MAX_REDIRECTS = 5;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  private final String host;
  private final boolean insecure;
  private final @Nullable RegistryCredentials credentials;
  private final long maxMetadataBytes;
  private final Duration idleTimeout;
  private final HttpClient http;
  private volatile @Nullable String authorization;

  /**
   * A client for one registry.
   *
   * @param host registry host[:port] to connect to
   * @param insecure use plain HTTP (for loopback or test registries only)
   * @param credentials user and password, or null for anonymous access
   * @param maxMetadataBytes largest manifest or config read into memory
   */
  public RegistryClient(
      String host,
      boolean insecure,
      @Nullable RegistryCredentials credentials,
      long maxMetadataBytes) {
    this(host, insecure, credentials, maxMetadataBytes, DEFAULT_IDLE_TIMEOUT);
  }

  /** As the public constructor, with the time a response body may stall (tests shorten it). */
  RegistryClient(
      String host,
      boolean insecure,
      @Nullable RegistryCredentials credentials,
      long maxMetadataBytes,
      Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
    this.host = host;
    this.insecure = insecure;
    this.credentials = credentials;
    this.maxMetadataBytes = maxMetadataBytes;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A manifest or index as served.
   *
   * @param bytes the document
   * @param mediaType the Content-Type (or the document's mediaType)
   * @param digest sha256 of the bytes
   */
  public record FetchedManifest(byte[] bytes, String mediaType, String digest) {}

  /**
   * Fetches a manifest or index by tag or digest. When the reference is a digest, the bytes must
   * match it.
   */
  public FetchedManifest manifest(String repository, String reference) {
    String what =
        host + "/" + repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
    HttpResponse<InputStream> response =
        get("/v2/" + repository + "/manifests/" + reference, MANIFEST_ACCEPT, repository, what);
    byte[] bytes = readCapped(response, what);
    String digest = Digests.sha256(bytes);
    if (reference.startsWith("sha256:") && !digest.equals(reference)) {
      throw new ImageException(
          "manifest " + what + " does not match its digest (got " + digest + "): refusing it");
    }
    String mediaType =
        response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    return new FetchedManifest(bytes, mediaType, digest);
  }

  /** A blob's bytes, for small documents (configs), capped and verified. */
  public byte[] blobBytes(String repository, String digest) {
    String what = "blob " + digest + " of " + host + "/" + repository;
    try (InputStream in = blob(repository, digest)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxMetadataBytes + 1));
      if (bytes.length > maxMetadataBytes) {
        throw new ImageException(what + " is larger than " + maxMetadataBytes + " bytes (limit)");
      }
      if (!Digests.sha256(bytes).equals(digest)) {
        throw new ImageException(what + " does not match its digest: refusing it");
      }
      return bytes;
    } catch (IOException e) {
      throw new ImageException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * A blob as stored, its digest verified when the stream is read to the end. The caller closes it.
   */
  public InputStream blob(String repository, String digest) {
    Digests.requireSha256(digest, "blob request for " + host + "/" + repository);
    String what = "blob " + digest + " of " + host + "/" + repository;
    HttpResponse<InputStream> response =
        get("/v2/" + repository + "/blobs/" + digest, "*/*", repository, what);
    return Digests.verifying(
        new IdleTimeoutStream(response.body(), idleTimeout, what), digest, what);
  }

  private HttpResponse<InputStream> get(
      String path, String accept, String repository, String what) {
    URI uri = URI.create((insecure ? "http://" : "https://") + host + path);
    HttpResponse<InputStream> response = exchange(uri, accept, authorization);
    if (response.statusCode() == 401) {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
      discard(response);
      String used = authorization;
      String fresh = authorize(AuthChallenge.parse(challenge), repository, what);
      if (fresh.equals(used)) {
        throw unauthorized(what);
      }
      authorization = fresh;
      response = exchange(uri, accept, fresh);
      if (response.statusCode() == 401) {
        discard(response);
        throw unauthorized(what);
      }
    }
    int status = response.statusCode();
    if (status == 200) {
      return response;
    }
    String body = new String(readSome(response), StandardCharsets.UTF_8).strip();
    String detail = body.isEmpty() ? "" : ": " + body;
    throw switch (status) {
      case 404 -> new ImageException(what + " not found (HTTP 404)" + detail);
      case 403 -> new ImageException("access to " + what + " denied (HTTP 403)" + detail);
      default ->
          new ImageException(
              "registry " + host + " answered HTTP " + status + " for " + what + detail);
    };
  }

  private ImageException unauthorized(String what) {
    if (credentials == null) {
      return new ImageException(
          "registry "
              + host
              + " requires authentication for "
              + what
              + " (HTTP 401): give a user name and password, or log in so that the Docker config"
              + " holds credentials for "
              + host);
    }
    return new ImageException(
        "authentication to registry "
            + host
            + " failed for "
            + what
            + " (HTTP 401): check the user name and password given for "
            + credentials.username());
  }

  /** The Authorization header answering a challenge. */
  private String authorize(AuthChallenge challenge, String repository, String what) {
    switch (challenge.scheme()) {
      case "basic" -> {
        if (credentials == null) {
          throw unauthorized(what);
        }
        return credentials.basicHeader();
      }
      case "bearer" -> {
        return "Bearer " + token(challenge, repository, what);
      }
      default ->
          throw new ImageException(
              "registry "
                  + host
                  + " asks for unsupported authentication '"
                  + challenge.scheme()
                  + "' for "
                  + what);
    }
  }

  private String token(AuthChallenge challenge, String repository, String what) {
    String realm = challenge.parameters().get("realm");
    if (realm == null || realm.isBlank()) {
      throw new ImageException("registry " + host + " sent a bearer challenge without a realm");
    }
    StringBuilder query = new StringBuilder();
    String service = challenge.parameters().get("service");
    if (service != null) {
      query.append("service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
    }
    String scope =
        challenge.parameters().getOrDefault("scope", "repository:" + repository + ":pull");
    query
        .append(query.isEmpty() ? "" : "&")
        .append("scope=")
        .append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    if (!"https".equals(uri.getScheme()) && !insecure) {
      throw new ImageException(
          "registry "
              + host
              + " sends token requests to "
              + realm
              + " over plain HTTP: refusing to send credentials (use the insecure option only for"
              + " test registries)");
    }
    HttpResponse<InputStream> response =
        exchange(uri, "application/json", credentials == null ? null : credentials.basicHeader());
    if (response.statusCode() == 401) {
      discard(response);
      throw unauthorized(what);
    }
    if (response.statusCode() != 200) {
      discard(response);
      throw new ImageException(
          "token endpoint " + realm + " answered HTTP " + response.statusCode() + " for " + what);
    }
    try {
      JsonNode json = new ObjectMapper().readTree(readCapped(response, "token from " + realm));
      String token = json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new ImageException("token endpoint " + realm + " returned no token for " + what);
      }
      return token;
    } catch (IOException e) {
      throw new ImageException(
          "token endpoint " + realm + " returned invalid JSON: " + e.getMessage(), e);
    }
  }

  /** One GET, following redirects; credentials stay with the registry's own host. */
  private HttpResponse<InputStream> exchange(URI uri, String accept, @Nullable String auth) {
    URI current = uri;
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(current).timeout(RESPONSE_TIMEOUT).header("Accept", accept).GET();
      if (auth != null && Objects.equals(current.getAuthority(), uri.getAuthority())) {
        request.header("Authorization", auth);
      }
      HttpResponse<InputStream> response = send(request.build());
      int status = response.statusCode();
      if (status < 300 || status >= 400 || status == 304) {
        return response;
      }
      discard(response);
      String location =
          response
              .headers()
              .firstValue("Location")
              .orElseThrow(
                  () -> new ImageException("registry " + host + " redirected without a Location"));
      if (redirects >= MAX_REDIRECTS) {
        throw new ImageException(
            "registry " + host + " redirected more than " + MAX_REDIRECTS + " times");
      }
      URI next = current.resolve(location);
      if (!"https".equals(next.getScheme()) && !insecure) {
        throw new ImageException(
            "registry " + host + " redirected to plain HTTP (" + next + "): refused");
      }
      current = next;
    }
  }

  private HttpResponse<InputStream> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new ImageException(
          "cannot connect to registry "
              + host
              + " ("
              + request.uri()
              + "): connection refused"
              + (insecure ? "" : "; for a plain-HTTP test registry use the insecure option"),
          e);
    } catch (SSLException e) {
      throw new ImageException(
          "TLS failed with registry "
              + host
              + ": "
              + e.getMessage()
              + (insecure ? "" : "; for a plain-HTTP test registry use the insecure option"),
          e);
    } catch (HttpTimeoutException e) {
      throw new ImageException(
          "registry " + host + " did not answer in time (" + request.uri() + ")", e);
    } catch (IOException e) {
      throw new ImageException(
          "cannot reach registry " + host + " (" + request.uri() + "): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("interrupted while talking to registry " + host, e);
    }
  }

  private byte[] readCapped(HttpResponse<InputStream> response, String what) {
    try (InputStream in = new IdleTimeoutStream(response.body(), idleTimeout, what)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxMetadataBytes + 1));
      if (bytes.length > maxMetadataBytes) {
        throw new ImageException(what + " is larger than " + maxMetadataBytes + " bytes (limit)");
      }
      return bytes;
    } catch (IOException e) {
      throw new ImageException("cannot read " + what + " from " + host + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readSome(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      return in.readNBytes(512);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static void discard(HttpResponse<InputStream> response) {
    readSome(response);
  }

  @Override
  public String toString() {
    return "RegistryClient[" + host.toLowerCase(Locale.ROOT) + (insecure ? ", insecure" : "") + "]";
  }
}
