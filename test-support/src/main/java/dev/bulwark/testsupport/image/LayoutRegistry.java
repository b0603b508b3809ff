package dev.bulwark.testsupport.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An in-process registry on loopback (plain HTTP, anonymous) serving OCI layouts that {@link
 * TestImage} wrote, for fast tests that pull images by reference: {@code GET
 * /v2/<repository>/manifests/<tag|digest>} and {@code /v2/<repository>/blobs/<digest>}; anything
 * else is 404. Records every request path, so tests can see what was fetched. Thread-safe; close it
 * to stop it.
 *
 * <pre>{@code
 * try (LayoutRegistry registry = LayoutRegistry.start()) {
 *   registry.serve("team/app", layoutDirectory);
 *   String image = registry.host() + "/team/app:app";   // the tag written into the layout
 * }
 * }</pre>
 */
public final class LayoutRegistry implements AutoCloseable {
  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
  // TestImage writes index.json in one known shape: a descriptor's digest comes before its tag.
  private static final Pattern TAGGED =
      Pattern.compile(
          "\"digest\":\"(sha256:[0-9a-f]{64})\"[^}]*?\"org\\.opencontainers\\.image\\.ref\\.name\":"
              + "\"([^\"]+)\"");
  private static final Pattern MEDIA_TYPE = Pattern.compile("\"mediaType\":\"([^\"]+)\"");

  private final HttpServer server;
  private final Map<String, Path> layouts = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private LayoutRegistry(HttpServer server) {
    this.server = server;
  }

  /** Starts a registry on a free loopback port. */
  public static LayoutRegistry start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      LayoutRegistry registry = new LayoutRegistry(server);
      server.createContext("/", registry::handle);
      server.start();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves the layout's tagged images as {@code <host>/<repository>:<tag>}. */
  public LayoutRegistry serve(String repository, Path layout) {
    layouts.put(repository, layout);
    return this;
  }

  /** The manifest digest of a tag served for the repository. */
  public String digest(String repository, String tag) {
    String digest = tagged(repository, tag);
    if (digest == null) {
      throw new IllegalArgumentException("no tag " + tag + " served for " + repository);
    }
    return digest;
  }

  /** Every request path so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      requests.add(path);
      Matcher manifest = MANIFEST.matcher(path);
      Matcher blob = BLOB.matcher(path);
      if (manifest.matches()) {
        manifest(exchange, manifest.group(1), manifest.group(2));
      } else if (blob.matches()) {
        Path file = blobFile(blob.group(1), blob.group(2));
        respond(exchange, file, "application/octet-stream");
      } else if (path.equals("/v2/")) {
        respond(exchange, 200, "{}", "application/json");
      } else {
        notFound(exchange);
      }
    }
  }

  private void manifest(HttpExchange exchange, String repository, String reference)
      throws IOException {
    String digest = reference.startsWith("sha256:") ? reference : tagged(repository, reference);
    Path file = digest == null ? null : blobFile(repository, digest);
    if (file == null) {
      notFound(exchange);
      return;
    }
    Matcher mediaType = MEDIA_TYPE.matcher(Files.readString(file, StandardCharsets.UTF_8));
    respond(
        exchange,
        file,
        mediaType.find() ? mediaType.group(1) : "application/vnd.oci.image.manifest.v1+json");
  }

  private @Nullable String tagged(String repository, String tag) {
    Path layout = layouts.get(repository);
    if (layout == null) {
      return null;
    }
    try {
      Matcher tagged =
          TAGGED.matcher(Files.readString(layout.resolve("index.json"), StandardCharsets.UTF_8));
      while (tagged.find()) {
        if (tagged.group(2).equals(tag)) {
          return tagged.group(1);
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private @Nullable Path blobFile(String repository, String digest) {
    Path layout = layouts.get(repository);
    if (layout == null) {
      return null;
    }
    Path file = layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    return Files.isRegularFile(file) ? file : null;
  }

  private static void respond(HttpExchange exchange, @Nullable Path file, String contentType)
      throws IOException {
    if (file == null) {
      notFound(exchange);
      return;
    }
    byte[] body = Files.readAllBytes(file);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Docker-Content-Digest", "sha256:" + file.getFileName());
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    respond(
        exchange,
        404,
        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"not in this registry\"}]}",
        "application/json");
  }

  private static void respond(HttpExchange exchange, int status, String body, String contentType)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
