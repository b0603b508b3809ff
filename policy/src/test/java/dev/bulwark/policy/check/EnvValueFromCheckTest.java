package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.policy.check.CheckHarness.Found;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvValueFromCheckTest {
  private static final NativeCheck CHECK = new EnvValueFromCheck();
  private static final String INPUT =
      """
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop}
      stringData: {password: hunter2}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: shop}
      data: {level: info}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        template:
          spec:
            initContainers:
              - name: migrate
                image: migrate:1
                envFrom:
                  - secretRef: {name: db}
                  - configMapRef: {name: features}
                  - configMapRef: {name: flags, optional: true}
            containers:
              - name: api
                image: api:1
                env:
                  - name: PASSWORD
                    valueFrom:
                      secretKeyRef: {name: db, key: password}
                  - name: USER
                    valueFrom:
                      secretKeyRef: {name: db, key: user}
                  - name: LEVEL
                    valueFrom:
                      configMapKeyRef: {name: settings, key: level}
                  - name: TOKEN
                    valueFrom:
                      secretKeyRef: {name: vault-token, key: token}
                  - name: MAYBE
                    valueFrom:
                      secretKeyRef: {name: absent, key: x, optional: true}
      """;

  @Test
  void flagsMissingObjectsAndKeysAtTheirFields() {
    assertThat(CheckHarness.run(CHECK, INPUT))
        .containsExactly(
            new Found(
                "api",
                "Container \"migrate\" reads ConfigMap \"features\", which is not in namespace"
                    + " \"shop\" of the input",
                "spec.template.spec.initContainers[0].envFrom[1].configMapRef.name",
                22),
            new Found(
                "api",
                "Container \"api\" reads key \"user\" of Secret \"db\", which has no such key",
                "spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.key",
                33),
            new Found(
                "api",
                "Container \"api\" reads Secret \"vault-token\", which is not in namespace \"shop\""
                    + " of the input",
                "spec.template.spec.containers[0].env[3].valueFrom.secretKeyRef.name",
                39));
  }

  @Test
  void namesMatchingTheParametersExistOutsideTheInput() {
    assertThat(
            CheckHarness.run(
                CHECK,
                Map.of(
                    EnvValueFromCheck.IGNORED_SECRETS, "vault-.*|db",
                    EnvValueFromCheck.IGNORED_CONFIG_MAPS, "feat.*"),
                INPUT))
        .isEmpty();
    assertThat(CheckHarness.run(CHECK, Map.of(EnvValueFromCheck.IGNORED_SECRETS, "vault"), INPUT))
        .as("the whole name must match")
        .hasSize(3);
  }

  @Test
  void aBadPatternIsAParameterError() {
    InvalidCheckParameterException error =
        catchThrowableOfType(
            InvalidCheckParameterException.class,
            () -> CHECK.bind(Map.of(EnvValueFromCheck.IGNORED_SECRETS, "vault-(")));

    assertThat(error.parameter()).isEqualTo(EnvValueFromCheck.IGNORED_SECRETS);
    assertThat(error.reason()).startsWith("not a valid RE2 regular expression");
  }
}
