package dev.bulwark.testsupport.registry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One running registry on loopback, plain HTTP.
 *
 * @param host {@code 127.0.0.1:<port>}
 * @param username user name for basic auth, null for an anonymous registry
 * @param password its password, null for an anonymous registry
 * @param scripts the e2e/images folder
 */
public record LocalRegistry(
    String host, @Nullable String username, @Nullable String password, Path scripts) {

  /**
   * Pushes an image or index of an OCI layout, all platforms included, as {@code
   * host/repositoryAndTag}, and returns that reference.
   */
  public String push(Path layout, String tag, String repositoryAndTag) {
    String target = host + "/" + repositoryAndTag;
    if (username == null) {
      Scripts.run(scripts.resolve("push"), layout + ":" + tag, target);
    } else {
      Scripts.run(scripts.resolve("push"), layout + ":" + tag, target, username + ":" + password);
    }
    return target;
  }

  /** Whether {@code /v2/} answers (200, or 401 when authentication is required). */
  boolean answers() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create("http://" + host + "/v2/").toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      int status = connection.getResponseCode();
      connection.disconnect();
      return status == 200 || status == 401;
    } catch (IOException e) {
      return false;
    }
  }
}
