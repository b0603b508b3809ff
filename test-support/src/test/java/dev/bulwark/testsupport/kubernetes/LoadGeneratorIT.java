package dev.bulwark.testsupport.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scale-test generator at a small size: every pod it creates reaches Running on kwok nodes, it
 * says how long that took, and {@code --delete} removes what it created.
 */
@RealKubernetes
class LoadGeneratorIT {
  private static final Path LOAD = Path.of("../e2e/cluster/load");

  @Test
  void createsRunningPodsReportsTheTimeAndCleansUp(
      KubernetesCluster cluster, KubernetesClient client) throws IOException, InterruptedException {
    String created = load(cluster, "4", "6", "2", "3");

    assertThat(created)
        .containsPattern("load: created 4 namespaces, 6 deployments and services in \\d+ s")
        .containsPattern("load: 12 pods on 3 kwok nodes running \\d+ s after the first create");
    assertThat(client.namespaces().withLabel("bulwark.dev/load", "true").list().getItems())
        .hasSize(4);

    String deleted = load(cluster, "--delete");

    assertThat(deleted).containsPattern("load: deleted the load namespaces in \\d+ s");
    assertThat(client.namespaces().withLabel("bulwark.dev/load", "true").list().getItems())
        .isEmpty();
  }

  private static String load(KubernetesCluster cluster, String... arguments)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(LOAD.toString());
    builder.command().addAll(List.of(arguments));
    builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
