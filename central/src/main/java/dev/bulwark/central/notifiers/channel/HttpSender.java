package dev.bulwark.central.notifiers.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * POSTs JSON over HTTPS with a notifier's timeouts and trust, and turns the outcome into a result
 * or a {@link DeliveryException}: 2xx is success; 429, 5xx, timeouts and network errors are
 * retried; other statuses are permanent. Error messages name the URL's host only (Slack's and
 * Teams' URLs carry their token in the path) and quote at most 200 characters of the response.
 */
final class HttpSender {
  private static final int QUOTED = 200;

  private HttpSender() {}

  /** The response of a successful POST. */
  record Response(int status, String body) {}

  static Response postJson(
      URI url,
      JsonNode body,
      Map<String, String> headers,
      @Nullable String caCertificate,
      Timeouts timeouts)
      throws DeliveryException {
    if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      throw new DeliveryException("the target is not an https URL with a host: " + safe(url), true);
    }
    String json;
    try {
      json = AlertDocument.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeouts.request())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "bulwark-central")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeouts.connect())
            .sslContext(TrustedCertificates.context(caCertificate))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()) {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Response(status, response.body());
      }
      boolean retried = status == 429 || status >= 500;
      throw new DeliveryException(
          "HTTP " + status + " from " + safe(url) + quote(response.body()), !retried);
    } catch (HttpTimeoutException e) {
      throw new DeliveryException(
          "no answer from " + safe(url) + " within " + timeouts.request().toSeconds() + " s",
          false,
          e);
    } catch (IOException e) {
      throw new DeliveryException("cannot reach " + safe(url) + ": " + e, false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while sending to " + safe(url), false, e);
    }
  }

  /** The URL without its path, query and credentials: {@code https://hooks.slack.com}. */
  static String safe(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort());
  }

  private static String quote(String body) {
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      return "";
    }
    return ": " + (trimmed.length() > QUOTED ? trimmed.substring(0, QUOTED) + "…" : trimmed);
  }

  /** The URL, or a permanent failure when it is not one. */
  static URI uri(String text) throws DeliveryException {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new DeliveryException("the target is not a URL", true, e);
    }
  }
}
