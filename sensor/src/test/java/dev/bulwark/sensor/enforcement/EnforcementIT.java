package dev.bulwark.sensor.enforcement;

import static dev.bulwark.policy.model.EnforcementAction.KILL_POD_ENFORCEMENT;
import static dev.bulwark.policy.model.EnforcementAction.SCALE_TO_ZERO_ENFORCEMENT;
import static dev.bulwark.policy.model.EnforcementAction.UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.policy.model.Severity;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.evaluation.DeploymentVerdict;
import dev.bulwark.sensor.evaluation.PolicyViolation;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import dev.bulwark.testsupport.kubernetes.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
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

/**
 * Enforcement against a real API server: each action changes what it should, once, and is recorded.
 */
@RealKubernetes
class EnforcementIT {
  private static final Map<String, String> LABELS = Map.of("app", "enforced");

  private final List<EnforcementRecord> records = new CopyOnWriteArrayList<>();

  private Enforcer enforcer(KubernetesClient client, String ownNamespace, boolean dryRun) {
    return new Enforcer(
        client,
        EnforcementSettings.of(ownNamespace, List.of(), dryRun),
        records::add,
        Clock.systemUTC());
  }

  private static PodSpec podSpec() {
    return new PodSpecBuilder()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example/app:1")
        .endContainer()
        .withRestartPolicy("Always")
        .build();
  }

  private static PodTemplateSpec template() {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(LABELS)
        .endMetadata()
        .withSpec(podSpec())
        .build();
  }

  private static DeploymentRef ref(HasMetadata object) {
    return new DeploymentRef(
        object.getApiVersion(),
        object.getKind(),
        object.getMetadata().getNamespace(),
        object.getMetadata().getName(),
        object.getMetadata().getUid());
  }

  private static DeploymentVerdict verdict(HasMetadata object, EnforcementAction... actions) {
    return new DeploymentVerdict(
        ref(object),
        "fingerprint",
        List.of(
            new PolicyViolation(
                "p-1", "Policy one", Severity.HIGH, List.of("bad"), List.of(actions))),
        Instant.now());
  }

  private Deployment deployment(KubernetesClient client, String name) {
    return client
        .apps()
        .deployments()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .withNewSelector()
                .withMatchLabels(LABELS)
                .endSelector()
                .withTemplate(template())
                .endSpec()
                .build())
        .create();
  }

  @Test
  void scaleToZeroScalesADeploymentOnceAndRecordsIt(KubernetesClient client) {
    Deployment web = deployment(client, "web");
    try (Enforcer enforcer = enforcer(client, "bulwark", false)) {
      enforcer.evaluated(verdict(web, SCALE_TO_ZERO_ENFORCEMENT));
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
      enforcer.evaluated(verdict(web, SCALE_TO_ZERO_ENFORCEMENT));
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    Deployment scaled = client.apps().deployments().withName("web").get();
    assertThat(scaled.getSpec().getReplicas()).isZero();
    assertThat(scaled.getMetadata().getAnnotations())
        .containsEntry("bulwark.dev/enforced-by", "p-1")
        .containsEntry("bulwark.dev/original-replicas", "3")
        .containsEntry("bulwark.dev/enforcement-action", "SCALE_TO_ZERO_ENFORCEMENT");
    assertThat(records).hasSize(1);
    EnforcementRecord record = records.get(0);
    assertThat(record.applied()).isTrue();
    assertThat(record.action()).isEqualTo(SCALE_TO_ZERO_ENFORCEMENT);
    assertThat(record.deployment()).isEqualTo(ref(web));
    // The control plane's deployment controller writes the status while the test runs, so the
    // sensor's optimistic patch may meet a conflict and retry; the retry is part of the message.
    assertThat(record.message())
        .matches(
            "scaled Deployment web from 3 to 0 replicas"
                + "( \\(after [12] conflicting change\\(s\\), retried\\))?");
  }

  @Test
  void aRestartedSensorFindsTheDeploymentEnforcedAndDoesNothingMore(KubernetesClient client) {
    Deployment web = deployment(client, "web");
    try (Enforcer first = enforcer(client, "bulwark", false)) {
      first.evaluated(verdict(web, SCALE_TO_ZERO_ENFORCEMENT));
      assertThat(first.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    try (Enforcer second = enforcer(client, "bulwark", false)) {
      second.evaluated(verdict(web, SCALE_TO_ZERO_ENFORCEMENT));
      assertThat(second.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(records).hasSize(1);
  }

  @Test
  void scaleToZeroSuspendsACronJob(KubernetesClient client) {
    CronJob nightly =
        client
            .batch()
            .v1()
            .cronjobs()
            .resource(
                new CronJobBuilder()
                    .withNewMetadata()
                    .withName("nightly")
                    .endMetadata()
                    .withNewSpec()
                    .withSchedule("0 3 * * *")
                    .withNewJobTemplate()
                    .withNewSpec()
                    .withNewTemplate()
                    .withSpec(new PodSpecBuilder(podSpec()).withRestartPolicy("Never").build())
                    .endTemplate()
                    .endSpec()
                    .endJobTemplate()
                    .endSpec()
                    .build())
            .create();
    try (Enforcer enforcer = enforcer(client, "bulwark", false)) {
      enforcer.evaluated(verdict(nightly, SCALE_TO_ZERO_ENFORCEMENT));
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    CronJob suspended = client.batch().v1().cronjobs().withName("nightly").get();
    assertThat(suspended.getSpec().getSuspend()).isTrue();
    assertThat(suspended.getMetadata().getAnnotations())
        .containsEntry("bulwark.dev/original-suspend", "false");
    assertThat(records).singleElement().extracting(EnforcementRecord::applied).isEqualTo(true);
  }

  @Test
  void aDaemonSetGetsTheUnsatisfiableNodeSelector(KubernetesClient client) {
    DaemonSet agent =
        client
            .apps()
            .daemonSets()
            .resource(
                new DaemonSetBuilder()
                    .withNewMetadata()
                    .withName("agent")
                    .endMetadata()
                    .withNewSpec()
                    .withNewSelector()
                    .withMatchLabels(LABELS)
                    .endSelector()
                    .withTemplate(template())
                    .endSpec()
                    .build())
            .create();
    try (Enforcer enforcer = enforcer(client, "bulwark", false)) {
      enforcer.evaluated(
          verdict(agent, SCALE_TO_ZERO_ENFORCEMENT, UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT));
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    DaemonSet constrained = client.apps().daemonSets().withName("agent").get();
    assertThat(constrained.getSpec().getTemplate().getSpec().getNodeSelector())
        .containsEntry("bulwark.dev/enforcement", "p-1");
    assertThat(records)
        .singleElement()
        .satisfies(record -> {
          assertThat(record.applied()).isTrue();
          assertThat(record.action()).isEqualTo(UNSATISFIABLE_NODE_CONSTRAINT_ENFORCEMENT);
        });
  }

  @Test
  void nothingIsDoneInTheSensorsOwnNamespaceOrKubeSystem(
      KubernetesClient client, TestNamespace namespace) {
    Deployment web = deployment(client, "web");
    DeploymentRef inKubeSystem =
        new DeploymentRef("apps/v1", "Deployment", "kube-system", "coredns", "uid-coredns");
    try (Enforcer enforcer = enforcer(client, namespace.name(), false)) {
      enforcer.evaluated(verdict(web, SCALE_TO_ZERO_ENFORCEMENT));
      enforcer.evaluated(verdict(web, SCALE_TO_ZERO_ENFORCEMENT));
      enforcer.evaluated(
          new DeploymentVerdict(
              inKubeSystem,
              "fingerprint",
              List.of(
                  new PolicyViolation(
                      "p-1", "P", Severity.HIGH, List.of(), List.of(SCALE_TO_ZERO_ENFORCEMENT))),
              Instant.now()));
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(client.apps().deployments().withName("web").get().getSpec().getReplicas())
        .isEqualTo(3);
    assertThat(records)
        .hasSize(2)
        .allSatisfy(record -> {
          assertThat(record.applied()).isFalse();
          assertThat(record.message()).contains("exempt from enforcement");
        });
  }

  @Test
  void aDryRunRecordsWhatItWouldHaveDone(KubernetesClient client) {
    Deployment web = deployment(client, "web");
    try (Enforcer enforcer = enforcer(client, "bulwark", true)) {
      enforcer.evaluated(verdict(web, SCALE_TO_ZERO_ENFORCEMENT));
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(client.apps().deployments().withName("web").get().getSpec().getReplicas())
        .isEqualTo(3);
    assertThat(records)
        .singleElement()
        .satisfies(record -> {
          assertThat(record.applied()).isFalse();
          assertThat(record.message()).startsWith("dry run").contains("from 3 to 0 replicas");
        });
  }

  @Test
  void killPodDeletesThePodOnce(KubernetesClient client) {
    Pod pod =
        client
            .pods()
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName("shell")
                    .endMetadata()
                    .withSpec(podSpec())
                    .build())
            .create();
    try (Enforcer enforcer = enforcer(client, "bulwark", false)) {
      enforcer.killPod(ref(pod), "shell", "runtime-1");
      enforcer.killPod(ref(pod), "shell", "runtime-1");
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    Pod gone = client.pods().withName("shell").get();
    assertThat(gone == null || gone.getMetadata().getDeletionTimestamp() != null).isTrue();
    assertThat(records)
        .filteredOn(EnforcementRecord::applied)
        .singleElement()
        .satisfies(record -> assertThat(record.action()).isEqualTo(KILL_POD_ENFORCEMENT));
  }

  @Test
  void aDenialByRbacIsRecordedWithTheReason(KubernetesClient client) {
    Deployment web = deployment(client, "web");
    try (KubernetesClient nobody =
            new KubernetesClientBuilder()
                .withConfig(
                    new ConfigBuilder(client.getConfiguration())
                        .withImpersonateUsername("bulwark-it-nobody")
                        .build())
                .build();
        Enforcer enforcer =
            new Enforcer(
                nobody,
                EnforcementSettings.of("bulwark", List.of(), false),
                records::add,
                Clock.systemUTC())) {
      enforcer.evaluated(verdict(web, SCALE_TO_ZERO_ENFORCEMENT));
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(client.apps().deployments().withName("web").get().getSpec().getReplicas())
        .isEqualTo(3);
    assertThat(records)
        .singleElement()
        .satisfies(record -> {
          assertThat(record.applied()).isFalse();
          assertThat(record.message()).startsWith("denied by RBAC").contains("deployments");
        });
  }

  @Test
  void aKindThatCannotBeScaledIsRecordedAsNotAppliedOnce(KubernetesClient client) {
    DeploymentRef pod = new DeploymentRef("v1", "Pod", "shop", "shell", "uid-shell");
    DeploymentVerdict verdict =
        new DeploymentVerdict(
            pod,
            "fingerprint",
            List.of(
                new PolicyViolation(
                    "p-1", "P", Severity.HIGH, List.of(), List.of(SCALE_TO_ZERO_ENFORCEMENT))),
            Instant.now());
    try (Enforcer enforcer = enforcer(client, "bulwark", false)) {
      enforcer.evaluated(verdict);
      enforcer.evaluated(verdict);
      assertThat(enforcer.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
    assertThat(records)
        .singleElement()
        .satisfies(record -> {
          assertThat(record.applied()).isFalse();
          assertThat(record.message()).startsWith("not applied: a bare pod");
        });
  }
}
