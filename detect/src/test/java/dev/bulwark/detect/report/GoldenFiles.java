package dev.bulwark.detect.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered output with the files under {@code src/test/resources/report/golden}. Run the
 * build with {@code -Dgolden.update=true} to rewrite them; the tests then fail on purpose, so an
 * update can never pass unnoticed.
 */
final class GoldenFiles {
  static final Path DIRECTORY = Path.of("src", "test", "resources", "report", "golden");

  private GoldenFiles() {}

  static void assertMatches(String name, String actual) throws IOException {
    Path golden = DIRECTORY.resolve(name + ".golden");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIRECTORY);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      fail("golden files updated, re-run without -Dgolden.update (" + golden + ")");
    }
    if (!Files.exists(golden)) {
      fail(
          "golden file "
              + golden.toAbsolutePath()
              + " is missing; create it with -Dgolden.update=true");
    }
    assertThat(actual)
        .as("output compared with %s (regenerate with -Dgolden.update=true)", golden)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  /** The committed golden file, for tests that check the file itself. */
  static String read(String name) throws IOException {
    Path golden = DIRECTORY.resolve(name + ".golden");
    if (!Files.exists(golden)) {
      fail(
          "golden file "
              + golden.toAbsolutePath()
              + " is missing; create it with -Dgolden.update=true");
    }
    return Files.readString(golden, StandardCharsets.UTF_8);
  }
}
