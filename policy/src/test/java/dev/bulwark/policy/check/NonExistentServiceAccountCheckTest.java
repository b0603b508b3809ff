package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.check.CheckHarness.Found;
import org.junit.jupiter.api.Test;

class NonExistentServiceAccountCheckTest {
  private static final NativeCheck CHECK = new NonExistentServiceAccountCheck();

  @Test
  void podsMustRunAsAServiceAccountOfTheirNamespace() {
    String yaml =
        """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api, namespace: shop}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            spec:
              serviceAccountName: api
              containers: [{name: api, image: api:1}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: typo, namespace: shop}
        spec:
          template:
            spec:
              serviceAccountName: apі
              containers: [{name: api, image: api:1}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: elsewhere}
        spec:
          serviceAccountName: api
          containers: [{name: api, image: api:1}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  serviceAccount: reporter
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: default-account}
        spec:
          serviceAccountName: default
          containers: [{name: api, image: api:1}]
        """;

    assertThat(CheckHarness.run(CHECK, yaml))
        .containsExactly(
            new Found(
                "typo",
                "The pods run as ServiceAccount \"apі\", which is not in namespace \"shop\" of the"
                    + " input",
                "spec.template.spec.serviceAccountName",
                20),
            new Found(
                "elsewhere",
                "The pods run as ServiceAccount \"api\", which is not in namespace \"default\" of"
                    + " the input",
                "spec.serviceAccountName",
                27),
            new Found(
                "report",
                "The pods run as ServiceAccount \"reporter\", which is not in namespace \"shop\" of"
                    + " the input",
                "spec.jobTemplate.spec.template.spec.serviceAccount",
                38));
  }
}
