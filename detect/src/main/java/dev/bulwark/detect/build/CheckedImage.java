package dev.bulwark.detect.build;

import dev.bulwark.core.workload.ImageRef;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The image an image check evaluates, named as policies see it: the Image Registry, Image Remote
 * and Image Tag criteria, image exclusions and exceptions read {@link #name()}.
 *
 * <p>A registry reference is parsed as Kubernetes would read it in a pod ({@code nginx} is {@code
 * docker.io/library/nginx:latest}). A local image ({@code oci:}, {@code oci-archive:}, {@code
 * docker-archive:}, {@code dir:} or a path) has no registry and no repository until it is pushed:
 * its name is the reference as written, with an empty registry and repository, the {@code :TAG} the
 * reference selects (none otherwise) and the scanned digest. {@code --image-name} names it as it
 * will be pushed instead, so that registry policies judge the name it will run under.
 *
 * @param reference the reference the image was read from, as given
 * @param name the name policies see
 * @param digest the manifest digest the scan read, else its config digest; null for a root
 *     filesystem directory
 */
public record CheckedImage(String reference, ImageRef name, @Nullable String digest) {
  private static final List<String> LOCAL_PREFIXES =
      List.of("oci:", "oci-archive:", "docker-archive:", "dir:");
  private static final String REGISTRY_PREFIX = "docker://";

  /**
   * The image read from {@code reference}, named {@code imageName} when given.
   *
   * @param digest the digest the scan read, or null
   */
  public static CheckedImage of(
      String reference, @Nullable String imageName, @Nullable String digest) {
    if (imageName != null) {
      return new CheckedImage(reference, ImageRef.parse(imageName), digest);
    }
    String text = reference.strip();
    if (text.startsWith(REGISTRY_PREFIX)) {
      return new CheckedImage(
          reference, ImageRef.parse(text.substring(REGISTRY_PREFIX.length())), digest);
    }
    for (String prefix : LOCAL_PREFIXES) {
      if (text.startsWith(prefix)) {
        String tag = prefix.equals("dir:") ? null : tag(text.substring(prefix.length()));
        return new CheckedImage(reference, new ImageRef(reference, "", "", tag, digest), digest);
      }
    }
    if (isExistingPath(text)) {
      return new CheckedImage(reference, new ImageRef(reference, "", "", null, digest), digest);
    }
    return new CheckedImage(reference, ImageRef.parse(text), digest);
  }

  /** The {@code :TAG} after a local path, the way the image sources split it. */
  private static @Nullable String tag(String location) {
    int colon = location.lastIndexOf(':');
    if (isExistingPath(location) || colon <= location.lastIndexOf('/') || colon < 1) {
      return null;
    }
    String tag = location.substring(colon + 1);
    return tag.isEmpty() ? null : tag;
  }

  private static boolean isExistingPath(String text) {
    try {
      return Files.exists(Path.of(text));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
