package dev.bulwark.testsupport.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Builds a small linux/amd64 image in-process and writes it as an OCI image layout, for tests that
 * scan or check images without a registry. Layers are gzip tars built file by file; the config
 * carries the user, labels, creation time and history the policies read.
 *
 * <pre>{@code
 * String reference = TestImage.builder()
 *     .layer(TestImage.layer().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"))
 *     .user("root").label("team", "core").history("RUN apt-get install -y curl")
 *     .writeLayout(directory, "app");   // "oci:<directory>:app"
 * }</pre>
 *
 * Not thread-safe; one builder per image.
 */
public final class TestImage {
  /** The Debian 12 os-release most scan tests start from. */
  public static final String DEBIAN_12_OS_RELEASE =
      """
      PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
      ID=debian
      VERSION_ID="12"
      VERSION_CODENAME=bookworm
      """;

  private final List<byte[]> uncompressedLayers = new ArrayList<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<String> history = new ArrayList<>();
  private @Nullable String user;
  private @Nullable String created = "2026-01-02T03:04:05Z";

  private TestImage() {}

  public static TestImage builder() {
    return new TestImage();
  }

  public static Layer layer() {
    return new Layer();
  }

  /** Adds a layer on top of the previous ones. */
  public TestImage layer(Layer layer) {
    uncompressedLayers.add(layer.tar());
    return this;
  }

  /** The config's {@code User}; none when never set. */
  public TestImage user(String user) {
    this.user = user;
    return this;
  }

  public TestImage label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  /** One history entry, written as {@code created_by} the way Docker records a Dockerfile line. */
  public TestImage history(String dockerfileLine) {
    history.add(dockerfileLine);
    return this;
  }

  /** The config's creation time (RFC 3339), or null for none; default 2026-01-02T03:04:05Z. */
  public TestImage created(@Nullable String created) {
    this.created = created;
    return this;
  }

  /**
   * Writes the image as an OCI layout into {@code directory} with the tag {@code tag} and returns
   * its reference, {@code oci:<directory>:<tag>}.
   */
  public String writeLayout(Path directory, String tag) {
    try {
      Files.createDirectories(directory);
      List<String> layerDescriptors = new ArrayList<>();
      List<String> diffIds = new ArrayList<>();
      for (byte[] tar : uncompressedLayers) {
        diffIds.add(quote(sha256(tar)));
        layerDescriptors.add(
            blob(directory, "application/vnd.oci.image.layer.v1.tar+gzip", gzip(tar), null));
      }
      String config = configJson(diffIds);
      String configDescriptor =
          blob(
              directory,
              "application/vnd.oci.image.config.v1+json",
              config.getBytes(StandardCharsets.UTF_8),
              null);
      String manifest =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
              + "\"config\":"
              + configDescriptor
              + ",\"layers\":["
              + String.join(",", layerDescriptors)
              + "]}";
      String manifestDescriptor =
          blob(
              directory,
              "application/vnd.oci.image.manifest.v1+json",
              manifest.getBytes(StandardCharsets.UTF_8),
              tag);
      Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      Files.writeString(
          directory.resolve("index.json"),
          "{\"schemaVersion\":2,\"manifests\":[" + manifestDescriptor + "]}");
      return "oci:" + directory + ":" + tag;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String configJson(List<String> diffIds) {
    StringBuilder config = new StringBuilder("{\"architecture\":\"amd64\",\"os\":\"linux\"");
    if (created != null) {
      config.append(",\"created\":").append(quote(created));
    }
    config.append(",\"config\":{");
    List<String> fields = new ArrayList<>();
    if (user != null) {
      fields.add("\"User\":" + quote(user));
    }
    if (!labels.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      labels.forEach((key, value) -> pairs.add(quote(key) + ":" + quote(value)));
      fields.add("\"Labels\":{" + String.join(",", pairs) + "}");
    }
    config.append(String.join(",", fields)).append('}');
    config.append(",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[");
    config.append(String.join(",", diffIds)).append("]}");
    List<String> entries = new ArrayList<>();
    for (String line : history) {
      entries.add("{\"created_by\":" + quote(line) + "}");
    }
    config.append(",\"history\":[").append(String.join(",", entries)).append("]}");
    return config.toString();
  }

  /** A layer tar built entry by entry, in order. */
  public static final class Layer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    private Layer() {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    public Layer file(String name, String content) {
      return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Layer file(String name, byte[] content) {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setMode(0100644);
      return add(entry, content);
    }

    public Layer symlink(String name, String target) {
      TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      entry.setLinkName(target);
      return add(entry, new byte[0]);
    }

    private Layer add(TarArchiveEntry entry, byte[] content) {
      try {
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    byte[] tar() {
      try {
        tar.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }

  private static String blob(Path layout, String mediaType, byte[] content, @Nullable String tag)
      throws IOException {
    String digest = sha256(content);
    Path file = layout.resolve("blobs/sha256/" + digest.substring("sha256:".length()));
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    String annotations =
        tag == null
            ? ""
            : ",\"annotations\":{\"org.opencontainers.image.ref.name\":" + quote(tag) + "}";
    return "{\"mediaType\":"
        + quote(mediaType)
        + ",\"digest\":"
        + quote(digest)
        + ",\"size\":"
        + content.length
        + annotations
        + "}";
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(content);
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** A JSON string literal; test content is plain text, so quotes and backslashes suffice. */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
