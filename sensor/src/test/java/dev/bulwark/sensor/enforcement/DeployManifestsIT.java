package dev.bulwark.sensor.enforcement;

import static dev.bulwark.policy.model.EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.Severity;
import dev.bulwark.sensor.admission.AdmissionPush;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.evaluation.DeploymentVerdict;
import dev.bulwark.sensor.evaluation.PolicyViolation;
import dev.bulwark.sensor.policies.PolicySet;
import dev.bulwark.testsupport.kubernetes.KubernetesCluster;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/sensor applied to a real API server: the objects are accepted, the ClusterRole grants what
 * the sensor does and no more, and enforcement and the admission push work as the sensor's service
 * account.
 */
@RealKubernetes
class DeployManifestsIT {
  private static final String SENSOR = "system:serviceaccount:bulwark:bulwark-sensor";

  private static void apply(KubernetesCluster cluster) {
    KubernetesCluster.Output namespace =
        cluster.kubectl("apply", "-f", "../deploy/sensor/namespace.yaml");
    assertThat(namespace.exitCode()).as(namespace.text()).isZero();
    KubernetesCluster.Output applied = cluster.kubectl("apply", "-f", "../deploy/sensor");
    assertThat(applied.exitCode()).as(applied.text()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "yes, list, secrets, --all-namespaces",
    "no, get, secrets, --all-namespaces",
    "yes, watch, pods, --all-namespaces",
    "yes, patch, deployments.apps, --all-namespaces",
    "yes, patch, cronjobs.batch, --all-namespaces",
    "no, update, deployments.apps, --all-namespaces",
    "no, delete, deployments.apps, --all-namespaces",
    "yes, delete, pods, --all-namespaces",
    "no, create, pods, --all-namespaces",
    "yes, patch, policyreports.wgpolicyk8s.io, --all-namespaces",
    "no, create, customresourcedefinitions.apiextensions.k8s.io, --all-namespaces",
    "yes, patch, configmaps/bulwark-enforced-policies, --namespace=bulwark",
    "no, patch, configmaps/other, --namespace=bulwark",
    "no, create, configmaps, --namespace=default",
  })
  void theSensorMayDoWhatItNeedsAndNoMore(
      String expected, String verb, String resource, String scope, KubernetesCluster cluster) {
    apply(cluster);
    KubernetesCluster.Output answer =
        cluster.kubectl("auth", "can-i", verb, resource, scope, "--as=" + SENSOR);
    assertThat(answer.text().strip()).as(verb + " " + resource).isEqualTo(expected);
  }

  @Test
  void enforcementAndTheAdmissionPushWorkAsTheSensorsServiceAccount(
      KubernetesClient client, KubernetesCluster cluster) {
    apply(cluster);
    Deployment web =
        client
            .apps()
            .deployments()
            .resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("web")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(2)
                    .withNewSelector()
                    .withMatchLabels(Map.of("app", "web"))
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .withLabels(Map.of("app", "web"))
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("registry.example/app:1")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    List<EnforcementRecord> records = new CopyOnWriteArrayList<>();
    try (KubernetesClient sensor =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder(client.getConfiguration())
                        .withNamespace(null)
                        .withImpersonateUsername(SENSOR)
                        .build())
                .build();
        Enforcer enforcer =
            new Enforcer(
                sensor,
                EnforcementSettings.of("bulwark", List.of(), false),
                records::add,
                Clock.systemUTC());
        AdmissionPush push = new AdmissionPush(sensor, "bulwark", AdmissionPush.DEFAULT_NAME)) {
      enforcer.evaluated(
          new DeploymentVerdict(
              new DeploymentRef(
                  "apps/v1",
                  "Deployment",
                  web.getMetadata().getNamespace(),
                  "web",
                  web.getMetadata().getUid()),
              "fp",
              List.of(
                  new PolicyViolation(
                      "p-1", "P", Severity.HIGH, List.of(), List.of(SCALE_TO_ZERO_ENFORCEMENT))),
              Instant.now()));
      push.changed(new PolicySet("fp-deploy", List.of(), List.of()));
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
      assertThat(push.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(records)
        .singleElement()
        .satisfies(record -> assertThat(record.applied()).as(record.message()).isTrue());
    assertThat(client.apps().deployments().withName("web").get().getSpec().getReplicas()).isZero();
    assertThat(
            client
                .configMaps()
                .inNamespace("bulwark")
                .withName(AdmissionPush.DEFAULT_NAME)
                .get()
                .getData())
        .containsEntry("fingerprint", "fp-deploy\n");
  }
}
