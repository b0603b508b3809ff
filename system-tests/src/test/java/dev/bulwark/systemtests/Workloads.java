package dev.bulwark.systemtests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The Deployments the system tests create, as the API server gets them. */
final class Workloads {
  private Workloads() {}

  /** Creates a Deployment of {@code replicas} pods running {@code image}, privileged or not. */
  static void create(
      KubernetesClient client,
      String namespace,
      String name,
      String image,
      boolean privileged,
      int replicas) {
    client.resource(deployment(namespace, name, image, privileged, replicas)).create();
  }

  /** Replaces the Deployment's pod template with one that is privileged or not. */
  static void setPrivileged(
      KubernetesClient client, String namespace, String name, String image, boolean privileged) {
    client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withName(name)
        .edit(existing -> {
          existing
              .getSpec()
              .getTemplate()
              .getSpec()
              .getContainers()
              .getFirst()
              .getSecurityContext()
              .setPrivileged(privileged);
          existing.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(image);
          return existing;
        });
  }

  static void delete(KubernetesClient client, String namespace, String name) {
    client.apps().deployments().inNamespace(namespace).withName(name).delete();
  }

  private static HasMetadata deployment(
      String namespace, String name, String image, boolean privileged, int replicas) {
    return Serialization.unmarshal(
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: %s, labels: {app: %s}}
        spec:
          replicas: %d
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
                - name: app
                  image: %s
                  securityContext: {privileged: %s}
        """
            .formatted(name, namespace, name, replicas, name, name, image, privileged),
        HasMetadata.class);
  }
}
