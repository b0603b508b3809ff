package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.check.CheckHarness.Found;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two PodDisruptionBudget checks: maxUnavailable alone, and minAvailable against replicas. */
class PdbChecksTest {
  private static String budget(String field, String value) {
    return """
    apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: budget, namespace: shop}
    spec:
      selector: {matchLabels: {app: api}}
      %s: %s
    """
        .formatted(field, value);
  }

  @ParameterizedTest(name = "maxUnavailable {0}")
  @CsvSource({"0, true", "'\"0%\"', true", "1, false", "'\"10%\"', false", "'\"x\"', false"})
  void maxUnavailableZeroBlocksEveryEviction(String value, boolean fires) {
    var found = CheckHarness.run(new PdbMaxUnavailableCheck(), budget("maxUnavailable", value));

    if (fires) {
      assertThat(found)
          .containsExactly(
              new Found(
                  "budget",
                  "maxUnavailable is "
                      + value.replace("\"", "")
                      + ", so no pod it selects can be evicted",
                  "spec.maxUnavailable",
                  6));
    } else {
      assertThat(found).isEmpty();
    }
  }

  private static final String WORKLOADS =
      """
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        replicas: 2
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api}}
          spec:
            containers: [{name: api, image: api:1}]
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: shop}
      spec:
        template:
          metadata: {labels: {app: api}}
          spec:
            containers: [{name: agent, image: agent:1}]
      """;

  @ParameterizedTest(name = "minAvailable {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1        |",
        "2        | minAvailable is 2 and Deployment \"api\" has 2 replicas, so none of its pods"
            + " can be evicted",
        "3        | minAvailable is 3 and Deployment \"api\" has 2 replicas, so none of its pods"
            + " can be evicted",
        "'\"50%\"'  |",
        "'\"51%\"'  | minAvailable is 51% and Deployment \"api\" has 2 replicas, so none of its"
            + " pods can be evicted",
        "'\"100%\"' | minAvailable is 100%, so no pod it selects can be evicted",
        "0        |",
      })
  void minAvailableMustLeaveAPodToEvict(String value, String expected) {
    var found =
        CheckHarness.run(new PdbMinAvailableCheck(), budget("minAvailable", value) + WORKLOADS);

    if (expected == null) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).containsExactly(new Found("budget", expected, "spec.minAvailable", 6));
    }
  }

  @Test
  void anAutoscalerMinimumReplacesTheReplicas() {
    String autoscaler =
        """
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: api, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
          minReplicas: 1
          maxReplicas: 5
        """;

    assertThat(
            CheckHarness.run(
                new PdbMinAvailableCheck(), budget("minAvailable", "1") + WORKLOADS + autoscaler))
        .extracting(Found::message)
        .containsExactly(
            "minAvailable is 1 and Deployment \"api\" may scale down to 1 replica, so none of its"
                + " pods can be evicted");
  }

  @Test
  void aBudgetWithoutSelectorOrInAnotherNamespaceSelectsNothing() {
    String yaml =
        """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: no-selector, namespace: shop}
        spec: {minAvailable: 5}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: elsewhere}
        spec: {minAvailable: 5, selector: {matchLabels: {app: api}}}
        """
            + WORKLOADS;

    assertThat(CheckHarness.run(new PdbMinAvailableCheck(), yaml)).isEmpty();
  }
}
