package dev.bulwark.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the project's scripts to completion for a test fixture. */
public final class ScriptProcess {
  private ScriptProcess() {}

  /**
   * Runs {@code script} with {@code arguments}, its error output shown with the test's, and returns
   * its standard output.
   *
   * @throws IllegalStateException when it exits non-zero or runs longer than {@code timeout}
   */
  public static String run(Duration timeout, Path script, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(arguments));
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            script + " did not finish in " + timeout.toMinutes() + " min");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed with exit code " + process.exitValue());
      }
      return new String(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }
}
