package dev.bulwark.testsupport.registry;

import dev.bulwark.testsupport.process.ScriptProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds OCI images offline from directories with umoci ({@code e2e/images/build}), and the cached
 * Debian images of the end-to-end tests.
 *
 * @param scripts the e2e/images folder
 */
public record ImageFixtures(Path scripts) {
  /** The first build may run debootstrap and fetch packages: minutes on a slow mirror. */
  private static final Duration DEBIAN_BUILD = Duration.ofMinutes(15);

  /**
   * Adds image {@code layout:tag} (created when missing) with the directory's content as its only
   * layer, for linux/{@code architecture}, running as {@code user} (empty: root).
   */
  public void build(Path rootfs, Path layout, String tag, String architecture, String user) {
    if (user.isEmpty()) {
      Scripts.run(
          scripts.resolve("build"), rootfs.toString(), layout.toString(), tag, architecture);
    } else {
      Scripts.run(
          scripts.resolve("build"), rootfs.toString(), layout.toString(), tag, architecture, user);
    }
  }

  /**
   * The Debian bookworm image with python3-requests and python3-urllib3 ({@code
   * e2e/images/debian-python}), built once per machine into {@code ~/.cache/bulwark/images}. When
   * it cannot be built (not root, no network on the first run) the test fails if {@code CI=true}
   * and is skipped otherwise. Do not modify the returned layout: it is the machine's cached copy.
   */
  public DebianPythonImage debianPython() {
    String output;
    try {
      output = ScriptProcess.run(DEBIAN_BUILD, scripts.resolve("debian-python"));
    } catch (IllegalStateException e) {
      String message = "the Debian Python image could not be built: " + e.getMessage();
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(message, e);
      }
      return Assumptions.abort(message);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : output.strip().split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    String layout = values.remove("layout");
    String layer = values.remove("python-layer");
    if (layout == null || layer == null || values.isEmpty()) {
      return Assertions.fail("e2e/images/debian-python printed no layout and layer: " + output);
    }
    return new DebianPythonImage(Path.of(layout), "python", layer, values);
  }
}
