package dev.bulwark.scanner.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.scanner.image.ImageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A user name and password (or token) for a registry.
 *
 * @param username user name
 * @param password password or access token; never printed
 */
public record RegistryCredentials(String username, String password) {
  private static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=***]";
  }

  /** The value of an HTTP Basic {@code Authorization} header. */
  public String basicHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The credentials a Docker client config ({@code config.json}) stores for a registry in its
   * {@code auths} section (base64 {@code user:password} in {@code auth}, or {@code username}/{@code
   * password}). Credential helpers ({@code credsStore}, {@code credHelpers}) are not run. Keys
   * match by host, with or without scheme and path; Docker Hub's key is {@code
   * https://index.docker.io/v1/}.
   *
   * @return empty when the file does not exist or has no entry for the registry
   * @throws ImageException when the file exists but is not valid
   */
  public static Optional<RegistryCredentials> fromDockerConfig(Path config, String registry) {
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    JsonNode auths;
    try {
      auths = new ObjectMapper().readTree(config.toFile()).path("auths");
    } catch (IOException e) {
      throw new ImageException("cannot read Docker config " + config + ": " + e.getMessage(), e);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (matches(entry.getKey(), registry)) {
        return Optional.of(decode(entry.getValue(), config, entry.getKey()));
      }
    }
    return Optional.empty();
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  public static Path defaultDockerConfig() {
    String directory = System.getenv("DOCKER_CONFIG");
    if (directory != null && !directory.isBlank()) {
      return Path.of(directory, "config.json");
    }
    return Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }

  private static boolean matches(String key, String registry) {
    if (registry.equals("docker.io") && key.equals(DOCKER_HUB_KEY)) {
      return true;
    }
    String host = key.replaceFirst("^[a-z]+://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return host.equals(registry);
  }

  private static RegistryCredentials decode(JsonNode entry, Path config, String key) {
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ImageException(
            "Docker config " + config + ": 'auth' of '" + key + "' is not base64", e);
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new ImageException(
            "Docker config " + config + ": 'auth' of '" + key + "' is not user:password");
      }
      return new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    String username = entry.path("username").asText("");
    if (username.isEmpty()) {
      throw new ImageException(
          "Docker config "
              + config
              + ": entry '"
              + key
              + "' has no 'auth' (credential helpers are not supported; log in with a config"
              + " that stores the credentials, or pass them explicitly)");
    }
    return new RegistryCredentials(username, entry.path("password").asText(""));
  }
}
