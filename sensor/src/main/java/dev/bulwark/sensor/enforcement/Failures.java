package dev.bulwark.sensor.enforcement;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** Says why the API server refused an enforcement request, and what to do about it. */
final class Failures {
  static final int FORBIDDEN = 403;
  static final int NOT_FOUND = 404;
  static final int CONFLICT = 409;

  private Failures() {}

  /**
   * A message for the record.
   *
   * @param verb what was attempted, such as "patch"
   * @param resource what on, such as "deployments" in "shop"
   */
  static String describe(
      KubernetesClientException failure, String verb, String resource, String namespace) {
    return switch (failure.getCode()) {
      case FORBIDDEN ->
          "denied by RBAC: the sensor's service account may not "
              + verb
              + " "
              + resource
              + " in namespace "
              + namespace
              + " (grant it in the sensor's ClusterRole, see deploy/sensor)";
      case NOT_FOUND -> "not found: it was deleted (or its kind is not served) before enforcement";
      case CONFLICT ->
          "conflict: it kept changing while being enforced; enforcement is retried at its next"
              + " change";
      case 0 -> "the API server could not be reached: " + failure.getMessage();
      default ->
          "the API server refused to "
              + verb
              + " it (HTTP "
              + failure.getCode()
              + "): "
              + reason(failure);
    };
  }

  private static String reason(KubernetesClientException failure) {
    if (failure.getStatus() != null && failure.getStatus().getMessage() != null) {
      return failure.getStatus().getMessage();
    }
    return String.valueOf(failure.getMessage());
  }
}
