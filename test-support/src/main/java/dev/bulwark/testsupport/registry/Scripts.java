package dev.bulwark.testsupport.registry;

import dev.bulwark.testsupport.process.ScriptProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The {@code e2e/images} scripts and the tools they need. */
final class Scripts {
  private static final String FOLDER = "e2e/images";
  private static final long MINUTES = 5;
  private static final List<String> TOOLS =
      List.of("docker-registry", "skopeo", "umoci", "htpasswd");

  private Scripts() {}

  /** The e2e/images folder of the repository this test runs in (searched upwards). */
  static Path directory() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
      if (Files.isExecutable(candidate.resolve(FOLDER).resolve("registry"))) {
        return candidate.resolve(FOLDER);
      }
    }
    throw new IllegalStateException("no " + FOLDER + "/registry above " + start);
  }

  /** Skips the test (fails it on CI) when a tool is missing, after trying the install script. */
  static void requireTools() {
    if (missing().isEmpty()) {
      return;
    }
    if ("0".equals(idU())) {
      run(directory().resolve("install"));
    }
    List<String> missing = missing();
    String message = "missing " + missing + ": run e2e/images/install as root";
    if ("true".equals(System.getenv("CI"))) {
      if (!missing.isEmpty()) {
        throw new IllegalStateException(message);
      }
      return;
    }
    Assumptions.assumeTrue(missing.isEmpty(), message);
  }

  private static List<String> missing() {
    List<String> missing = new ArrayList<>();
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String tool : TOOLS) {
      boolean found = false;
      for (String directory : path.split(":")) {
        found |= !directory.isEmpty() && Files.isExecutable(Path.of(directory, tool));
      }
      if (!found) {
        missing.add(tool);
      }
    }
    return missing;
  }

  private static String idU() {
    try {
      Process process = new ProcessBuilder("id", "-u").start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      return output.strip();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Runs a script to completion, its error output shown with the test's. */
  static String run(Path script, String... arguments) {
    return ScriptProcess.run(Duration.ofMinutes(MINUTES), script, arguments);
  }
}
