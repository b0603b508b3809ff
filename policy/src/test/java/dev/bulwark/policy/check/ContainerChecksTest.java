package dev.bulwark.policy.check;

import static dev.bulwark.policy.check.NativeCheckRunner.messages;
import static dev.bulwark.policy.check.NativeCheckRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The container checks behind the kube-linter policies: what counts and where findings point. */
class ContainerChecksTest {
  private static final String POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        securityContext:
          runAsGroup: 0
        containers:
          - name: web
            image: web:1
            securityContext:
              runAsUser: 1000
            ports:
              - name: http
                containerPort: 8080
              - name: stats
                containerPort: 9090
                protocol: UDP
              - containerPort: 443
            env:
              - name: PORT
                value: "8080"
              - name: TOKEN
                valueFrom:
                  secretKeyRef: {name: web, key: token}
              - name: PORT
                value: "9090"
              - name: PORT
                value: "9091"
            envFrom:
              - secretRef: {name: web-env}
            readinessProbe:
              httpGet:
                port: http
            livenessProbe:
              tcpSocket:
                port: stats
            startupProbe:
              grpc:
                port: 8080
      """;

  @Test
  void probesMustUseADeclaredTcpPortByNameOrNumber() throws InvalidCheckParameterException {
    assertThat(run("probe-port-exposed", Map.of("probe", "liveness"), POD))
        .extracting(NativeCheckRunner.Finding::message, NativeCheckRunner.Finding::line)
        .containsExactly(
            tuple(
                "Container \"web\" has a liveness probe on port stats, which the container does"
                    + " not declare",
                37));
    assertThat(messages("probe-port-exposed", Map.of("probe", "readiness"), POD)).isEmpty();
    assertThat(messages("probe-port-exposed", Map.of("probe", "startup"), POD)).isEmpty();
  }

  @Test
  void aDuplicateEnvironmentVariableIsReportedOnceAtItsSecondEntry()
      throws InvalidCheckParameterException {
    assertThat(run("duplicate-env-var", Map.of(), POD))
        .extracting(NativeCheckRunner.Finding::message, NativeCheckRunner.Finding::line)
        .containsExactly(
            tuple("Container \"web\" sets environment variable PORT more than once", 26));
  }

  @Test
  void portsBelowTheLimitArePrivileged() throws InvalidCheckParameterException {
    assertThat(messages("privileged-port", Map.of(), POD))
        .containsExactly("Container \"web\" listens on privileged port 443");
    assertThat(messages("privileged-port", Map.of("below", "10000"), POD)).hasSize(3);
  }

  @Test
  void theRootGroupIsReportedEvenForANonRootUser() throws InvalidCheckParameterException {
    assertThat(run("run-as-root", Map.of(), POD))
        .extracting(NativeCheckRunner.Finding::message, NativeCheckRunner.Finding::line)
        .containsExactly(tuple("Container \"web\" runs with the root group: runAsGroup is 0", 7));
  }
}
