package dev.bulwark.core.workload;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A parsed container image reference with Docker Hub defaults applied: {@code nginx} is registry
 * {@code docker.io}, remote {@code library/nginx}, tag {@code latest}.
 *
 * @param fullName the reference as written in the manifest
 * @param registry registry host (and port), e.g. {@code docker.io}, {@code quay.io}, {@code
 *     localhost:5000}
 * @param remote repository path within the registry, e.g. {@code library/nginx}
 * @param tag the tag; {@code latest} when neither tag nor digest is given; null when only a digest
 *     is given
 * @param digest {@code sha256:...} when pinned by digest, else null
 */
public record ImageRef(
    String fullName,
    String registry,
    String remote,
    @Nullable String tag,
    @Nullable String digest) {
  private static final String DOCKER_HUB = "docker.io";

  /**
   * Parses a reference the way container runtimes resolve it. The first path component is the
   * registry when it looks like a host (contains a dot or a colon, is {@code localhost}, or has
   * upper case letters, which repository names cannot); otherwise the registry is Docker Hub, where
   * single-component names live under {@code library/}. {@code index.docker.io} is the legacy name
   * of Docker Hub and is normalized to {@code docker.io}.
   *
   * <p>Never throws: malformed references (upper case repository names, empty parts) keep {@code
   * fullName} as written and get best-effort parts. A blank reference has empty parts and neither
   * tag nor digest.
   */
  public static ImageRef parse(String reference) {
    String name = reference.strip();
    if (name.isEmpty()) {
      return new ImageRef(reference, "", "", null, null);
    }
    String digest = null;
    int at = name.indexOf('@');
    if (at >= 0) {
      digest = emptyToNull(name.substring(at + 1));
      name = name.substring(0, at);
    }
    String tag = null;
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      tag = emptyToNull(name.substring(colon + 1));
      name = name.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    String remote = name;
    int slash = name.indexOf('/');
    if (slash >= 0 && looksLikeHost(name.substring(0, slash))) {
      registry = name.substring(0, slash);
      remote = name.substring(slash + 1);
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !remote.isEmpty() && remote.indexOf('/') < 0) {
      remote = "library/" + remote;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageRef(reference, registry, remote, tag, digest);
  }

  private static boolean looksLikeHost(String component) {
    return component.indexOf('.') >= 0
        || component.indexOf(':') >= 0
        || component.equals("localhost")
        || !component.equals(component.toLowerCase(Locale.ROOT));
  }

  private static @Nullable String emptyToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
