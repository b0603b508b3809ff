package dev.bulwark.sensor.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.Severity;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.evaluation.DeploymentVerdict;
import dev.bulwark.sensor.evaluation.PolicyViolation;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import dev.bulwark.testsupport.kubernetes.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PolicyReports on a real API server: the CRDs installed when absent, one bounded report per
 * namespace.
 */
@RealKubernetes
class PolicyReportsIT {
  private static final ReportSettings FAST =
      new ReportSettings("bulwark-policy-report", 2, Duration.ofMillis(200), true, 20);

  @BeforeAll
  static void removeTheDefinitions(KubernetesClient client) {
    for (String name :
        List.of("policyreports.wgpolicyk8s.io", "clusterpolicyreports.wgpolicyk8s.io")) {
      client.apiextensions().v1().customResourceDefinitions().withName(name).delete();
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(definition -> definition == null, 30, TimeUnit.SECONDS);
    }
  }

  private static DeploymentVerdict verdict(
      String namespace, String name, PolicyViolation... violations) {
    return new DeploymentVerdict(
        new DeploymentRef(
            "apps/v1", "Deployment", namespace, name, "uid-" + namespace + "-" + name),
        "fp",
        List.of(violations),
        Instant.now());
  }

  private static PolicyViolation violation(String id, Severity severity) {
    return new PolicyViolation(
        id, "Policy " + id, severity, List.of(id + " is violated"), List.of());
  }

  private static GenericKubernetesResource report(KubernetesClient client, String namespace) {
    return client
        .genericKubernetesResources(PolicyReports.POLICY_REPORT)
        .inNamespace(namespace)
        .withName("bulwark-policy-report")
        .get();
  }

  @Test
  void theDefinitionsAreInstalledAndEachNamespaceGetsABoundedReport(
      KubernetesClient client, TestNamespace namespace) {
    String other = namespace.name() + "-other";
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(other).endMetadata().build())
        .create();
    try (PolicyReports reports = new PolicyReports(client, FAST)) {
      reports.start();
      reports.evaluated(
          verdict(
              namespace.name(),
              "web",
              violation("low", Severity.LOW),
              violation("crit", Severity.CRITICAL)));
      reports.evaluated(verdict(namespace.name(), "db", violation("high", Severity.HIGH)));
      reports.evaluated(verdict(namespace.name(), "ok"));
      reports.evaluated(verdict(other, "api", violation("medium", Severity.MEDIUM)));
      assertThat(reports.awaitIdle(Duration.ofSeconds(60))).isTrue();
      assertThat(reports.enabled()).isTrue();

      assertThat(
              client
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName("policyreports.wgpolicyk8s.io")
                  .get())
          .isNotNull();
      assertThat(
              client
                  .apiextensions()
                  .v1()
                  .customResourceDefinitions()
                  .withName("clusterpolicyreports.wgpolicyk8s.io")
                  .get())
          .isNotNull();
      GenericKubernetesResource first = report(client, namespace.name());
      Map<String, Object> summary = first.get("summary");
      assertThat(summary)
          .containsEntry("pass", 1)
          .containsEntry("fail", 3)
          .containsEntry("warn", 0);
      List<Map<String, Object>> results = first.get("results");
      assertThat(results).hasSize(2);
      assertThat(results).extracting(result -> result.get("rule")).containsExactly("crit", "high");
      assertThat(results.get(0)).containsEntry("severity", "critical");
      assertThat((List<?>) report(client, other).get("results")).hasSize(1);

      String version = first.getMetadata().getResourceVersion();
      reports.evaluated(verdict(namespace.name(), "db", violation("high", Severity.HIGH)));
      assertThat(reports.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(report(client, namespace.name()).getMetadata().getResourceVersion())
          .as("the same content is not written again")
          .isEqualTo(version);

      reports.removed(verdict(other, "api").deployment());
      assertThat(reports.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(report(client, other))
          .as("a namespace without deployments has no report")
          .isNull();
    } finally {
      client.namespaces().withName(other).delete();
    }
  }

  @Test
  void withoutTheDefinitionsAndNotAllowedToInstallThemNoReportIsWritten(
      KubernetesClient client, TestNamespace namespace) {
    removeTheDefinitions(client);
    ReportSettings noInstall =
        new ReportSettings("bulwark-policy-report", 2, Duration.ofMillis(100), false, 20);
    try (PolicyReports reports = new PolicyReports(client, noInstall)) {
      reports.start();
      reports.evaluated(verdict(namespace.name(), "web", violation("low", Severity.LOW)));
      assertThat(reports.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(reports.enabled()).isFalse();
    }
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("policyreports.wgpolicyk8s.io")
                .get())
        .isNull();
  }
}
