package dev.bulwark.testsupport.kubernetes;

import java.nio.file.Path;

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
  public Path kubectl() {
    return binaries.resolve("kubectl");
  }
}
