package dev.bulwark.scanner.image.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.Image;
import dev.bulwark.scanner.image.ImageConfig;
import dev.bulwark.scanner.image.ImageException;
import dev.bulwark.scanner.image.Layer;
import dev.bulwark.scanner.image.registry.ImageReference;
import dev.bulwark.scanner.image.registry.RegistryClient;
import dev.bulwark.scanner.image.registry.RegistryCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Opens an {@link Image} from a reference string:
 *
 * <ul>
 *   <li>{@code oci:<dir>[:tag]} an OCI image layout directory;
 *   <li>{@code oci-archive:<file>[:tag]} a tar of an OCI image layout;
 *   <li>{@code docker-archive:<file>[:tag]} a {@code docker save} archive;
 *   <li>{@code dir:<dir>} a root filesystem directory, read as one layer;
 *   <li>{@code docker://<reference>} or any other text: a registry reference such as {@code
 *       registry.example.com/team/app:1.0} or {@code ...@sha256:...}.
 * </ul>
 *
 * A reference without a prefix that names an existing path is detected: a directory with {@code
 * index.json} is a layout, another directory a root filesystem, a file an archive of either kind.
 * Stateless and thread-safe.
 */
public final class ImageSource {
  private ImageSource() {}

  /**
   * Opens the image: reads its index, manifest and config (layers are read later, on demand).
   *
   * @throws ImageException with a message saying what failed and where
   */
  public static Image open(String reference, ImageOptions options) {
    String text = reference.strip();
    if (text.isEmpty()) {
      throw new ImageException("empty image reference");
    }
    for (Map.Entry<String, Kind> prefix : PREFIXES.entrySet()) {
      if (text.startsWith(prefix.getKey())) {
        return open(
            prefix.getValue(), text.substring(prefix.getKey().length()), reference, options);
      }
    }
    Path path = Path.of(text);
    if (Files.isDirectory(path)) {
      return open(
          Files.isRegularFile(path.resolve("index.json")) ? Kind.LAYOUT : Kind.ROOTFS,
          text,
          reference,
          options);
    }
    if (Files.isRegularFile(path)) {
      return open(Kind.ARCHIVE, text, reference, options);
    }
    return open(Kind.REGISTRY, text, reference, options);
  }

  private enum Kind {
    LAYOUT,
    ARCHIVE,
    ROOTFS,
    REGISTRY
  }

  private static final Map<String, Kind> PREFIXES =
      Map.of(
          "oci:", Kind.LAYOUT,
          "oci-archive:", Kind.ARCHIVE,
          "docker-archive:", Kind.ARCHIVE,
          "dir:", Kind.ROOTFS,
          "docker://", Kind.REGISTRY);

  private static Image open(Kind kind, String location, String reference, ImageOptions options) {
    return switch (kind) {
      case REGISTRY -> registry(ImageReference.parse(location), reference, options);
      case ROOTFS -> rootFilesystem(Path.of(location), reference, options);
      case LAYOUT -> {
        PathAndTag target = PathAndTag.split(location);
        requireExists(target.path(), Files.isDirectory(target.path()), "directory");
        yield new LocalImages(new DirectoryStore(target.path()), reference, options)
            .open(target.tag());
      }
      case ARCHIVE -> {
        PathAndTag target = PathAndTag.split(location);
        requireExists(target.path(), Files.isRegularFile(target.path()), "file");
        try {
          yield new LocalImages(new TarStore(target.path()), reference, options).open(target.tag());
        } catch (IOException e) {
          throw new ImageException(
              target.path() + " is not a readable tar archive: " + e.getMessage(), e);
        }
      }
    };
  }

  private static void requireExists(Path path, boolean exists, String what) {
    if (!exists) {
      throw new ImageException("no such " + what + ": " + path);
    }
  }

  private static Image rootFilesystem(Path directory, String reference, ImageOptions options) {
    requireExists(directory, Files.isDirectory(directory), "directory");
    Path root = directory.toAbsolutePath().normalize();
    ImageConfig config =
        new ImageConfig(options.platform(), "", Map.of(), List.of(), null, List.of(), List.of());
    Layer layer =
        new Layer(
            0,
            Digests.sha256(root.toString().getBytes(StandardCharsets.UTF_8)),
            null,
            Layer.DIRECTORY_MEDIA_TYPE,
            -1,
            null,
            root);
    return new Image(reference, null, null, config, List.of(layer));
  }

  private static Image registry(ImageReference image, String reference, ImageOptions options) {
    RegistryCredentials credentials = options.credentials();
    if (credentials == null) {
      credentials =
          RegistryCredentials.fromDockerConfig(options.dockerConfig(), image.registry())
              .orElse(null);
    }
    RegistryClient client =
        new RegistryClient(
            image.apiHost(), options.insecure(), credentials, options.limits().maxMetadataBytes());
    String repository = image.repository();
    RegistryClient.FetchedManifest fetched = client.manifest(repository, image.manifestReference());
    JsonNode document = Manifests.parse(fetched.bytes(), "manifest of " + image);
    if (Manifests.isIndex(document, fetched.mediaType())) {
      JsonNode descriptor =
          Manifests.selectPlatform(document, options.platform(), "index of " + image);
      fetched = client.manifest(repository, Manifests.digest(descriptor, "index of " + image));
      document = Manifests.parse(fetched.bytes(), "manifest of " + image);
    }
    String configDigest = Manifests.digest(document.path("config"), "manifest of " + image);
    ImageConfig config =
        Manifests.config(client.blobBytes(repository, configDigest), "config of " + image);
    List<Layer> layers =
        Manifests.layers(
            document,
            config,
            digest -> () -> client.blob(repository, digest),
            "manifest of " + image);
    return new Image(reference, fetched.digest(), configDigest, config, layers);
  }

  /** A local path with an optional {@code :tag} suffix (kept when the whole text is a path). */
  private record PathAndTag(Path path, @Nullable String tag) {
    static PathAndTag split(String location) {
      Path whole = Path.of(location);
      int colon = location.lastIndexOf(':');
      if (Files.exists(whole) || colon <= location.lastIndexOf('/') || colon < 1) {
        return new PathAndTag(whole, null);
      }
      return new PathAndTag(Path.of(location.substring(0, colon)), location.substring(colon + 1));
    }
  }
}
