package dev.bulwark.sensor.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailuresTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          403 | denied by RBAC: the sensor's service account may not patch deployments in namespace shop
          404 | not found: it was deleted
          409 | conflict: it kept changing
          0   | the API server could not be reached
          422 | the API server refused to patch it (HTTP 422): spec.replicas: Invalid value
          """)
  void eachRefusalSaysWhy(int code, String expected) {
    KubernetesClientException failure =
        new KubernetesClientException(
            new StatusBuilder().withCode(code).withMessage("spec.replicas: Invalid value").build());
    assertThat(Failures.describe(failure, "patch", "deployments", "shop")).startsWith(expected);
  }
}
