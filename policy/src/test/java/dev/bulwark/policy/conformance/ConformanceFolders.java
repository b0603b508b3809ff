package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Folders of the shared conformance data, under the system property {@code
 * bulwark.conformance.dir}. A missing folder fails the test on CI and skips it elsewhere.
 */
public final class ConformanceFolders {
  private ConformanceFolders() {}

  public static Path find(String name) {
    String root = System.getProperty("bulwark.conformance.dir", "../../shared/conformance");
    Path folder = Path.of(root, name);
    if (!Files.isDirectory(folder)) {
      String message = name + " conformance data not found at " + folder.toAbsolutePath();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (set -Dbulwark.conformance.dir)");
      }
      Assumptions.abort(message);
    }
    return folder;
  }
}
