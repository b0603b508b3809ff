package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.check.CheckHarness.Found;
import org.junit.jupiter.api.Test;

class DanglingHorizontalPodAutoscalerCheckTest {
  private static final NativeCheck CHECK = new DanglingHorizontalPodAutoscalerCheck();

  @Test
  void theTargetMustBeAWorkloadOfThatKindNameGroupAndNamespace() {
    String yaml =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              containers: [{name: web, image: web:1}]
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: found, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
        ---
        apiVersion: autoscaling/v1
        kind: HorizontalPodAutoscaler
        metadata: {name: older-version, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1beta2, kind: Deployment, name: web}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: wrong-kind, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: wrong-group, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Deployment, name: web}
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: other-namespace}
        spec:
          scaleTargetRef:
            kind: Deployment
            name: web
        """;

    assertThat(CheckHarness.run(CHECK, yaml))
        .containsExactly(
            new Found(
                "wrong-kind",
                "The scaleTargetRef names StatefulSet \"web\" (apps/v1), which is not in namespace"
                    + " \"shop\" of the input",
                "spec.scaleTargetRef",
                25),
            new Found(
                "wrong-group",
                "The scaleTargetRef names Deployment \"web\" (argoproj.io/v1alpha1), which is not"
                    + " in namespace \"shop\" of the input",
                "spec.scaleTargetRef",
                31),
            new Found(
                "other-namespace",
                "The scaleTargetRef names Deployment \"web\", which is not in namespace \"default\""
                    + " of the input",
                "spec.scaleTargetRef",
                37));
  }
}
