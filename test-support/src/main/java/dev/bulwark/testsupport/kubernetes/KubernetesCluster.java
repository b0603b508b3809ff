package dev.bulwark.testsupport.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster a {@link RealKubernetes} test runs against, for tests that drive it with command-line
 * tools as people do.
 *
 * @param kubeconfig the admin kubeconfig
 * @param binaries the folder with the cluster's binaries, a kubectl of the server's version among
 *     them
 * @param kubernetesVersion the Kubernetes release the binaries were built from, such as 1.37.2
 */
public record KubernetesCluster(Path kubeconfig, Path binaries, String kubernetesVersion) {
  private static final long KUBECTL_MINUTES = 2;

  /** What a kubectl run printed (standard output and error together) and its exit code. */
  public record Output(int exitCode, String text) {}

  /**
   * Runs the cluster's kubectl with the admin kubeconfig; a run that does not end within two
   * minutes is killed and fails the test.
   */
  public Output kubectl(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(binaries.resolve("kubectl").toString());
    command.add("--kubeconfig");
    command.add(kubeconfig.toString());
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(KUBECTL_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", arguments) + " did not finish");
      }
      return new Output(process.exitValue(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running kubectl", e);
    }
  }
}
