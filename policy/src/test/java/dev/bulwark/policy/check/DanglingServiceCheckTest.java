package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.check.CheckHarness.Found;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DanglingServiceCheckTest {
  private static final NativeCheck CHECK = new DanglingServiceCheck();
  private static final String WEB =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web, tier: front}}
          spec:
            containers: [{name: web, image: web:1}]
      ---
      """;

  @Test
  void aServiceSelectingNoPodsIsReportedAtItsSelector() {
    List<Found> found =
        CheckHarness.run(
            CHECK,
            WEB
                + """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec:
                  ports: [{port: 80}]
                  selector:
                    app: wbe
                """);

    assertThat(found)
        .containsExactly(
            new Found(
                "web",
                "No workload in namespace \"shop\" of the input runs pods labelled app=wbe, so the"
                    + " Service has no endpoints",
                "spec.selector",
                16));
  }

  @Test
  void aServiceSelectingAWorkloadsPodsPasses() {
    assertThat(
            CheckHarness.run(
                CHECK,
                WEB
                    + """
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web, namespace: shop}
                    spec: {selector: {app: web, tier: front}}
                    """))
        .isEmpty();
  }

  @Test
  void theWorkloadMayComeLaterInTheInput() {
    assertThat(
            CheckHarness.run(
                CHECK,
                """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec: {selector: {app: web}}
                ---
                """
                    + WEB))
        .isEmpty();
  }

  @Test
  void namespacesMustAgree() {
    assertThat(
            CheckHarness.run(
                CHECK,
                WEB
                    + """
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec: {selector: {app: web}}
                    """))
        .extracting(Found::message)
        .containsExactly(
            "No workload in namespace \"default\" of the input runs pods labelled app=web, so the"
                + " Service has no endpoints");
  }

  @Test
  void servicesThatSelectNoPodsAreSkipped() {
    assertThat(
            CheckHarness.run(
                CHECK,
                """
                apiVersion: v1
                kind: Service
                metadata: {name: database}
                spec: {ports: [{port: 5432}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: external}
                spec: {type: ExternalName, externalName: db.example.com, selector: {app: db}}
                ---
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: knative}
                spec: {selector: {app: none}}
                """))
        .isEmpty();
  }

  @Test
  void labelsOnlyRunningPodsCarryAreLeftOut() {
    String perPodService =
        WEB
            + """
            apiVersion: v1
            kind: Service
            metadata: {name: web-0, namespace: shop}
            spec:
              selector: {app: web, statefulset.kubernetes.io/pod-name: web-0, team: a}
            """;

    assertThat(CheckHarness.run(CHECK, perPodService))
        .extracting(Found::message)
        .containsExactly(
            "No workload in namespace \"shop\" of the input runs pods labelled"
                + " app=web,statefulset.kubernetes.io/pod-name=web-0,team=a, so the Service has no"
                + " endpoints");
    assertThat(
            CheckHarness.run(
                CHECK, Map.of(DanglingServiceCheck.IGNORED_LABELS, " team , other"), perPodService))
        .isEmpty();
  }

  @Test
  void aControllerWithoutContainersCountsByItsTemplateLabels() {
    assertThat(
            CheckHarness.run(
                CHECK,
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: stub}
                spec:
                  template:
                    metadata: {labels: {app: stub}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: stub}
                spec: {selector: {app: stub}}
                """))
        .isEmpty();
  }
}
