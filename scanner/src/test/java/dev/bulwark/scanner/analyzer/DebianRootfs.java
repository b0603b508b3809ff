package dev.bulwark.scanner.analyzer;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Debian bookworm root filesystem {@code e2e/images/debian-rootfs} builds (once per machine),
 * for the oracle tests. Without it a test fails when {@code CI=true} and is skipped otherwise.
 */
public final class DebianRootfs {
  private static final Path SCRIPT = Path.of("../e2e/images/debian-rootfs");

  private DebianRootfs() {}

  /** The root filesystem's folder, built when missing. */
  public static Path obtain() throws IOException, InterruptedException {

    String problem;
    Path output = Files.createTempFile("debian-rootfs", ".log");
    try {
      Process process =
          new ProcessBuilder(SCRIPT.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        problem = "timed out after 15 minutes";
      } else {
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        if (process.exitValue() == 0 && !lines.isEmpty()) {
          Path built = Path.of(lines.getLast().strip());
          if (Files.isRegularFile(built.resolve("var/lib/dpkg/status"))) {
            return built;
          }
        }
        problem = "exited " + process.exitValue() + ": " + String.join("\n", lines);
      }
    } catch (IOException e) {
      problem = e.toString();
    } finally {
      Files.deleteIfExists(output);
    }
    String message = "the Debian root filesystem could not be built by " + SCRIPT + ": " + problem;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
    return Path.of("");
  }
}
