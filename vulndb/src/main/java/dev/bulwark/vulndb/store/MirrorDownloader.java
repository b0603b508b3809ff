package dev.bulwark.vulndb.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads OSV zip dumps from a mirror laid out like osv.dev's bucket ({@code
 * <source>/<ecosystem>/all.zip}), or one zip from a URL, into files for {@link StoreImporter}.
 * Every request has a timeout; a download larger than {@link ArchiveLimits#maxDownloadBytes()} is
 * cut off and refused.
 *
 * <p>Thread-safe.
 */
public final class MirrorDownloader {
  private final HttpClient client;
  private final Duration timeout;
  private final ArchiveLimits limits;

  /** A downloader whose connections and requests each time out after {@code timeout}. */
  public MirrorDownloader(Duration timeout, ArchiveLimits limits) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.timeout = timeout;
    this.limits = limits;
  }

  /**
   * The URLs to download: {@code <source>/<ecosystem>/all.zip} for each ecosystem, or the source
   * itself when no ecosystem is given.
   *
   * @throws StoreException when the source is not an http or https URL
   */
  public static List<URI> urls(String source, List<String> ecosystems) throws StoreException {
    URI base;
    try {
      base = URI.create(source);
    } catch (IllegalArgumentException e) {
      throw new StoreException("--source \"" + source + "\" is not a URL: " + e.getMessage(), e);
    }
    String scheme = base.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new StoreException("--source \"" + source + "\" must be an http:// or https:// URL");
    }
    if (ecosystems.isEmpty()) {
      return List.of(base);
    }
    String prefix = source.endsWith("/") ? source : source + "/";
    List<URI> urls = new ArrayList<>();
    for (String ecosystem : ecosystems) {
      String segment = URLEncoder.encode(ecosystem, StandardCharsets.UTF_8).replace("+", "%20");
      urls.add(URI.create(prefix + segment + "/all.zip"));
    }
    return urls;
  }

  /**
   * Downloads {@code url} into {@code target}.
   *
   * @throws StoreException on a connection failure, a timeout, a status other than 200, or a body
   *     over the size limit; {@code target} is then deleted
   */
  public void download(URI url, Path target) throws StoreException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new StoreException(
              "cannot download " + url + ": the server answered HTTP " + response.statusCode());
        }
        copyBounded(url, body, target);
      }
    } catch (HttpTimeoutException e) {
      deleteQuietly(target);
      throw new StoreException(
          "cannot download " + url + ": no answer within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      deleteQuietly(target);
      throw new StoreException("cannot download " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(target);
      throw new StoreException("interrupted while downloading " + url, e);
    } catch (StoreException e) {
      deleteQuietly(target);
      throw e;
    }
  }

  private void copyBounded(URI url, InputStream body, Path target)
      throws IOException, StoreException {
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (OutputStream out = Files.newOutputStream(target)) {
      for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
        size += read;
        if (size > limits.maxDownloadBytes()) {
          throw new StoreException(
              "cannot download "
                  + url
                  + ": larger than "
                  + limits.maxDownloadBytes()
                  + " bytes; refused");
        }
        out.write(buffer, 0, read);
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The caller's temporary directory is removed as a whole.
    }
  }
}
