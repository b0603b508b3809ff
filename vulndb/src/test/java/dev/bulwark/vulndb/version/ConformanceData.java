package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Conformance data beside the repository, found through the system property {@code
 * bulwark.conformance.dir} that surefire sets. Missing data fails the test on CI and skips it
 * elsewhere, so a broken CI set-up can never pass silently.
 */
final class ConformanceData {
  private ConformanceData() {}

  /** The existing path {@code relative} below the conformance directory. */
  static Path path(String relative) {
    Path directory =
        Path.of(System.getProperty("bulwark.conformance.dir", "../../shared/conformance"));
    Path path = directory.resolve(relative);
    if (!Files.exists(path)) {
      String message =
          "conformance data missing at "
              + path.toAbsolutePath()
              + " (set -Dbulwark.conformance.dir)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return path;
  }
}
