package dev.bulwark.testsupport.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proof that the local control plane is a real one: the pinned server version, pods that reach
 * Running on kwok nodes, a ValidatingAdmissionPolicy whose CEL rule denies, and Pod Security
 * admission enforcing the restricted level.
 */
@RealKubernetes
class ControlPlaneIT {
  @Test
  void kubectlReportsThePinnedServerVersion(KubernetesCluster cluster) {
    String pinned = "v" + cluster.kubernetesVersion();

    KubernetesCluster.Output version = cluster.kubectl("version", "-o", "json");

    assertThat(version.exitCode()).as(version.text()).isZero();
    assertThat(version.text())
        .containsPattern("\"serverVersion\": \\{[^}]*\"gitVersion\": \"" + pinned + "\"")
        .containsPattern("\"clientVersion\": \\{[^}]*\"gitVersion\": \"" + pinned + "\"");
  }

  @Test
  void aDeploymentGetsRunningPodsOnKwokNodes(KubernetesClient client) {
    client.apps().deployments().resource(deployment("web", 2)).create();

    List<Pod> pods = waitForRunning(client, "web", 2);

    assertThat(pods).hasSize(2);
    assertThat(pods)
        .allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).startsWith("kwok-node-"));
  }

  @Test
  void aValidatingAdmissionPolicyWithACelRuleDenies(
      KubernetesClient client, TestNamespace namespace) throws InterruptedException {
    String name = namespace.name() + "-replicas";
    ValidatingAdmissionPolicy policy =
        new ValidatingAdmissionPolicyBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withFailurePolicy("Fail")
            .withNewMatchConstraints()
            .addNewResourceRule()
            .withApiGroups("apps")
            .withApiVersions("v1")
            .withOperations("CREATE", "UPDATE")
            .withResources("deployments")
            .endResourceRule()
            .endMatchConstraints()
            .addNewValidation()
            .withExpression("object.spec.replicas <= 5")
            .withMessage("at most 5 replicas")
            .endValidation()
            .endSpec()
            .build();
    ValidatingAdmissionPolicyBinding binding =
        new ValidatingAdmissionPolicyBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withPolicyName(name)
            .withValidationActions("Deny")
            .withNewMatchResources()
            .withNewNamespaceSelector()
            .addToMatchLabels("kubernetes.io/metadata.name", namespace.name())
            .endNamespaceSelector()
            .endMatchResources()
            .endSpec()
            .build();
    var policies = client.admissionRegistration().v1().validatingAdmissionPolicies();
    var bindings = client.admissionRegistration().v1().validatingAdmissionPolicyBindings();
    policies.resource(policy).create();
    bindings.resource(binding).create();
    try {
      KubernetesClientException denied = createUntilDenied(client, deployment("big", 9));

      assertThat(denied.getCode()).isEqualTo(422);
      assertThat(denied.getMessage()).contains("at most 5 replicas");
      client.apps().deployments().resource(deployment("small", 3)).create();
    } finally {
      bindings.withName(name).delete();
      policies.withName(name).delete();
    }
  }

  @Test
  void aRestrictedNamespaceRejectsAPrivilegedPod(KubernetesClient client, TestNamespace namespace) {
    client
        .namespaces()
        .withName(namespace.name())
        .edit(ns -> {
          ns.getMetadata().getLabels().put("pod-security.kubernetes.io/enforce", "restricted");
          return ns;
        });
    Pod privileged =
        new PodBuilder()
            .withNewMetadata()
            .withName("privileged")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("registry.example.com/app:1")
            .withNewSecurityContext()
            .withPrivileged(true)
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();

    KubernetesClientException rejected =
        catchThrowableOfType(
            KubernetesClientException.class, () -> client.pods().resource(privileged).create());

    assertThat(rejected).isNotNull();
    assertThat(rejected.getCode()).isEqualTo(403);
    assertThat(rejected.getMessage())
        .contains("violates PodSecurity \"restricted:latest\"")
        .contains("privileged");
  }

  /** A policy takes effect once the apiserver has compiled it: retry until the create is denied. */
  private static KubernetesClientException createUntilDenied(
      KubernetesClient client, Deployment deployment) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        client.apps().deployments().resource(deployment).create();
        client.apps().deployments().resource(deployment).delete();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          return e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the policy never denied " + deployment.getMetadata().getName());
      }
      Thread.sleep(200);
    }
  }

  private static List<Pod> waitForRunning(KubernetesClient client, String app, int count) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      List<Pod> running =
          client.pods().withLabel("app", app).list().getItems().stream()
              .filter(pod -> "Running".equals(pod.getStatus().getPhase()))
              .toList();
      if (running.size() >= count || System.nanoTime() > deadline) {
        return running;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return running;
      }
    }
  }

  private static Deployment deployment(String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example.com/" + name + ":1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
