package dev.bulwark.scanner.image.registry;

import dev.bulwark.scanner.image.Digests;
import dev.bulwark.scanner.image.ImageException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A registry image reference, {@code [registry/]repository[:tag][@sha256:digest]}, with Docker Hub
 * defaults: no registry means {@code docker.io}, a one-segment repository there gets {@code
 * library/}, no tag nor digest means {@code latest}.
 *
 * @param registry host[:port] as written ({@code docker.io} for Docker Hub)
 * @param repository repository path, lower case
 * @param tag tag, null when only a digest is given
 * @param digest manifest digest, null when not given
 */
public record ImageReference(
    String registry, String repository, @Nullable String tag, @Nullable String digest) {
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final String DOCKER_HUB = "docker.io";

  /**
   * Parses a reference.
   *
   * @throws ImageException saying what part is malformed
   */
  public static ImageReference parse(String text) {
    String rest = text.strip();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Digests.requireSha256(rest.substring(at + 1), "image reference '" + text + "'");
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new ImageException("invalid tag '" + tag + "' in image reference '" + text + "'");
      }
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (!REPOSITORY.matcher(rest).matches()) {
      throw new ImageException(
          "invalid repository '"
              + rest
              + "' in image reference '"
              + text
              + "': expected lower-case path segments, e.g. registry.example.com/team/app:1.0");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  /** The host to connect to: Docker Hub's API host for {@code docker.io}. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** The digest if given, else the tag: what the manifest request names. */
  public String manifestReference() {
    return digest != null ? digest : Objects.requireNonNull(tag);
  }

  @Override
  public String toString() {
    return registry
        + "/"
        + repository
        + (tag == null ? "" : ":" + tag)
        + (digest == null ? "" : "@" + digest);
  }
}
