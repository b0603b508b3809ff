package dev.bulwark.scanner.image.source;

import dev.bulwark.scanner.image.Platform;
import dev.bulwark.scanner.image.ReadLimits;
import dev.bulwark.scanner.image.registry.RegistryCredentials;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How to open an image.
 *
 * @param platform platform chosen from multi-platform indexes
 * @param credentials explicit registry credentials; null to use the Docker config, else anonymous
 * @param dockerConfig Docker client config consulted when no explicit credentials are given
 * @param insecure talk plain HTTP to the registry (loopback and test registries only)
 * @param limits caps on metadata, layers and files
 */
public record ImageOptions(
    Platform platform,
    @Nullable RegistryCredentials credentials,
    Path dockerConfig,
    boolean insecure,
    ReadLimits limits) {

  /** linux/amd64, credentials from the default Docker config, HTTPS, default limits. */
  public static ImageOptions defaults() {
    return new ImageOptions(
        Platform.DEFAULT,
        null,
        RegistryCredentials.defaultDockerConfig(),
        false,
        ReadLimits.DEFAULTS);
  }

  /** The same options for another platform. */
  public ImageOptions withPlatform(Platform platform) {
    return new ImageOptions(platform, credentials, dockerConfig, insecure, limits);
  }

  /** The same options with explicit credentials. */
  public ImageOptions withCredentials(@Nullable RegistryCredentials credentials) {
    return new ImageOptions(platform, credentials, dockerConfig, insecure, limits);
  }

  /** The same options with plain HTTP allowed or not. */
  public ImageOptions withInsecure(boolean insecure) {
    return new ImageOptions(platform, credentials, dockerConfig, insecure, limits);
  }

  /** The same options with other limits. */
  public ImageOptions withLimits(ReadLimits limits) {
    return new ImageOptions(platform, credentials, dockerConfig, insecure, limits);
  }
}
