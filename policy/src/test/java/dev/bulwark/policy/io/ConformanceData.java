package dev.bulwark.policy.io;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared conformance data; missing data fails on CI and skips elsewhere. */
final class ConformanceData {
  private ConformanceData() {}

  /** The folder of the 89 StackRox default policies. */
  static Path stackRoxPolicies() {
    String root = System.getProperty("bulwark.conformance.dir", "../../shared/conformance");
    Path folder = Path.of(root, "stackrox-policies");
    if (!Files.isDirectory(folder)) {
      String message = "conformance data not found at " + folder.toAbsolutePath();
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (set -Dbulwark.conformance.dir)");
      }
      Assumptions.abort(message);
    }
    return folder;
  }
}
