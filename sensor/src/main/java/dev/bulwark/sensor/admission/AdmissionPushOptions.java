package dev.bulwark.sensor.admission;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The sensor command's admission push options, as a picocli mixin ({@code @Mixin
 * AdmissionPushOptions}). Not thread-safe (picocli fills it once).
 */
public final class AdmissionPushOptions {
  @Option(
      names = "--no-admission-push",
      description = "Do not write the enforced policy set for admission controllers.")
  boolean off;

  @Option(
      names = "--admission-configmap",
      paramLabel = "NAME",
      description =
          "The ConfigMap, in the sensor's namespace, admission controllers mount. Default:"
              + " ${DEFAULT-VALUE}.")
  String name = AdmissionPush.DEFAULT_NAME;

  /**
   * The push into {@code namespace} (the sensor's), or empty with {@code --no-admission-push}; the
   * caller closes it.
   */
  public Optional<AdmissionPush> create(KubernetesClient client, String namespace) {
    return off ? Optional.empty() : Optional.of(new AdmissionPush(client, namespace, name));
  }
}
