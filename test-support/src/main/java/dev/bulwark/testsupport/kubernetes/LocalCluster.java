package dev.bulwark.testsupport.kubernetes;

import dev.bulwark.testsupport.process.ScriptProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The control plane the tests of this JVM use, found or started on first use: the cluster named by
 * {@code BULWARK_KUBECONFIG}, else the one {@code e2e/cluster/up} starts (which reuses a running
 * cluster and builds the binaries on a machine's first run). A cluster this JVM started, not one it
 * reused, is stopped with {@code e2e/cluster/down} when the JVM exits, unless {@code
 * BULWARK_KUBE_KEEP=true}.
 */
final class LocalCluster {
  private static final String SCRIPTS = "e2e/cluster";
  private static final long START_MINUTES = 60;
  private static @Nullable LocalCluster instance;

  private final KubernetesCluster cluster;

  private LocalCluster(KubernetesCluster cluster) {
    this.cluster = cluster;
  }

  static synchronized LocalCluster get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  KubernetesCluster cluster() {
    return cluster;
  }

  private static LocalCluster start() {
    Path scripts = scripts();
    Path binaries = Path.of(lastLine(run(scripts.resolve("build"))));
    String version = kubernetesVersion(scripts.resolve("versions"));
    String given = System.getenv("BULWARK_KUBECONFIG");
    if (given != null && !given.isBlank()) {
      return new LocalCluster(new KubernetesCluster(Path.of(given), binaries, version));
    }
    String output = run(scripts.resolve("up"));
    String last = lastLine(output);
    if (!last.startsWith("KUBECONFIG=")) {
      throw new IllegalStateException("e2e/cluster/up did not end with KUBECONFIG=: " + last);
    }
    boolean started = output.lines().anyMatch("CLUSTER=started"::equals);
    if (started && !"true".equals(System.getenv("BULWARK_KUBE_KEEP"))) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> run(scripts.resolve("down")), "cluster-down"));
    }
    Path kubeconfig = Path.of(last.substring("KUBECONFIG=".length()));
    return new LocalCluster(new KubernetesCluster(kubeconfig, binaries, version));
  }

  private static String kubernetesVersion(Path versions) {
    try {
      for (String line : Files.readAllLines(versions)) {
        if (line.startsWith("KUBERNETES_VERSION=")) {
          return line.substring("KUBERNETES_VERSION=".length()).strip();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no KUBERNETES_VERSION in " + versions);
  }

  /** The e2e/cluster folder of the repository this test runs in (searched upwards). */
  private static Path scripts() {
    Path directory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate = directory; candidate != null; candidate = candidate.getParent()) {
      if (Files.isExecutable(candidate.resolve(SCRIPTS).resolve("up"))) {
        return candidate.resolve(SCRIPTS);
      }
    }
    throw new IllegalStateException("no " + SCRIPTS + "/up above " + directory);
  }

  /** Runs a script, its error output shown with the test's, and returns its standard output. */
  static String run(Path script, String... arguments) {
    return ScriptProcess.run(Duration.ofMinutes(START_MINUTES), script, arguments);
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
