package dev.bulwark.central.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The shared conformance data; missing data fails on CI ({@code CI=true}) and skips elsewhere. */
public final class Conformance {
  private Conformance() {}

  /** The folder of StackRox's default policies, one JSON file each. */
  public static Path stackRoxPolicies() {
    return path("stackrox-policies");
  }

  /** A folder of the conformance data, such as {@code osv-pypi-pypa/json/ansible-core}. */
  public static Path path(String relative) {
    String root = System.getProperty("bulwark.conformance.dir", "../../shared/conformance");
    Path folder = Path.of(root, relative);
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
