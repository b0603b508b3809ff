package dev.bulwark.vulndb;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared conformance data; missing data fails on CI and skips elsewhere. */
public final class ConformanceData {
  private ConformanceData() {}

  /** The existing path {@code relative} below the conformance directory. */
  public static Path path(String relative) {
    String root = System.getProperty("bulwark.conformance.dir", "../../shared/conformance");
    Path path = Path.of(root, relative);
    if (!Files.exists(path)) {
      String message = "conformance data not found at " + path.toAbsolutePath();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (set -Dbulwark.conformance.dir)");
      }
      Assumptions.abort(message);
    }
    return path;
  }
}
