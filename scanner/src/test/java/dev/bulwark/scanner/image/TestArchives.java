package dev.bulwark.scanner.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes OCI layouts, OCI archives and docker save archives for tests. */
public final class TestArchives {
  private TestArchives() {}

  /** Writes a blob into a layout and returns its descriptor JSON. */
  public static String blob(Path layout, String mediaType, byte[] bytes) throws IOException {
    String digest = Digests.sha256(bytes);
    Path file = layout.resolve("blobs/sha256/" + digest.substring(7));
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + digest
        + "\",\"size\":"
        + bytes.length
        + "}";
  }

  /** Writes an image (config + gzip layers) into a layout and returns its manifest descriptor. */
  public static String image(Path layout, String architecture, List<byte[]> gzipLayers)
      throws IOException {
    List<String> layers = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (byte[] layer : gzipLayers) {
      layers.add(blob(layout, "application/vnd.oci.image.layer.v1.tar+gzip", layer));
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(layer))) {
        diffIds.add("\"" + Digests.sha256(in.readAllBytes()) + "\"");
      }
    }
    String config =
        """
        {"architecture":"%s","os":"linux","created":"2026-01-02T03:04:05Z",
         "config":{"User":"app","Env":["PATH=/usr/bin"],"Labels":{"team":"core"}},
         "rootfs":{"type":"layers","diff_ids":[%s]},
         "history":[{"created_by":"/bin/sh -c #(nop) ADD file:abc in / "}]}
        """
            .formatted(architecture, String.join(",", diffIds));
    String configDescriptor =
        blob(
            layout,
            "application/vnd.oci.image.config.v1+json",
            config.getBytes(StandardCharsets.UTF_8));
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
            + configDescriptor
            + ",\"layers\":["
            + String.join(",", layers)
            + "]}";
    return blob(
        layout,
        "application/vnd.oci.image.manifest.v1+json",
        manifest.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes index.json and oci-layout listing the given descriptors. */
  public static void index(Path layout, List<String> descriptors) throws IOException {
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        layout.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", descriptors) + "]}");
  }

  /** Tags a descriptor with {@code org.opencontainers.image.ref.name}. */
  public static String tagged(String descriptor, String tag) {
    return descriptor.substring(0, descriptor.length() - 1)
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
        + tag
        + "\"}}";
  }

  /** Tars a directory (an OCI archive when the directory is a layout). */
  public static Path tar(Path directory, Path archive) throws IOException {
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        Stream<Path> files = Files.walk(directory)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        add(tar, directory.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return archive;
  }

  /**
   * A docker save archive (classic layout: {@code <id>/layer.tar}, {@code <config>.json},
   * manifest.json) with the blobs of an opened image.
   */
  public static Path dockerArchive(Image image, byte[] config, Path archive) throws IOException {
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      String configName = Digests.sha256(config).substring(7) + ".json";
      add(tar, configName, config);
      List<String> layers = new ArrayList<>();
      for (Layer layer : image.layers()) {
        String name = layer.digest().substring(7) + "/layer.tar";
        try (InputStream in = Objects.requireNonNull(layer.blob()).open()) {
          add(tar, name, in.readAllBytes());
        }
        layers.add("\"" + name + "\"");
      }
      String manifest =
          "[{\"Config\":\""
              + configName
              + "\",\"RepoTags\":[\"demo/app:1.0\"],\"Layers\":["
              + String.join(",", layers)
              + "]}]";
      add(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    }
    return archive;
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] bytes)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
