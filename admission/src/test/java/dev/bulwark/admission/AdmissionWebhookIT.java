package dev.bulwark.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bulwark.admission.decision.AdmissionDecider;
import dev.bulwark.admission.decision.AdmissionSettings;
import dev.bulwark.admission.decision.Decision;
import dev.bulwark.admission.reload.ReloadingPolicies;
import dev.bulwark.admission.review.AdmissionRequest;
import dev.bulwark.admission.server.AdmissionMetrics;
import dev.bulwark.admission.server.AdmissionServer;
import dev.bulwark.admission.server.ServerSettings;
import dev.bulwark.core.manifest.ReadLimits;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.server.tls.ServingCertificate;
import dev.bulwark.testsupport.kubernetes.KubernetesCluster;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import dev.bulwark.testsupport.kubernetes.TestNamespace;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admission controller registered with a real API server: kubectl and fabric8 requests are
 * denied, admitted or warned as the policies say.
 */
@RealKubernetes
class AdmissionWebhookIT {
  /** Only namespaces labelled so are sent to this test's webhook. */
  private static final String SELECTED = "bulwark.dev/admission-it";

  @TempDir static Path tls;
  @TempDir static Path policyFiles;
  private static AdmissionServer server;
  private static ReloadingPolicies policies;
  private static final List<String> AUDITED = new CopyOnWriteArrayList<>();
  private static String webhookName;

  @BeforeAll
  static void startTheControllerAndRegisterIt() throws IOException {
    Clock clock = Clock.systemUTC();
    ServingCertificate certificate =
        ServingCertificate.selfSigned(tls, List.of("localhost", "127.0.0.1"), clock);
    policies =
        new ReloadingPolicies(
            List.of(policyFiles),
            null,
            () -> {
              List<Policy> all = new ArrayList<>(BuiltinPolicies.all());
              all.addAll(PolicyReader.read(policyFiles));
              return new AdmissionDecider(
                  PolicyCompiler.compile(all, List.of()),
                  AdmissionSettings.defaults(),
                  ReadLimits.DEFAULT,
                  clock);
            });
    server =
        AdmissionServer.start(
            new ServerSettings(
                "127.0.0.1", 0, ServerSettings.DEFAULT_MAX_REQUEST_BYTES, 8, Duration.ofSeconds(2)),
            certificate,
            policies,
            AdmissionSettings.defaults(),
            AdmissionWebhookIT::audit,
            new AdmissionMetrics());
    webhookName = "bulwark-admission-it-" + server.port();
  }

  private static void audit(AdmissionRequest request, Decision decision) {
    AUDITED.add(
        request.name() + (decision.breakGlass() ? ":break-glass" : ":" + decision.allowed()));
  }

  @AfterAll
  static void unregisterAndStop(KubernetesClient client) {
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(webhookName)
        .delete();
    server.close();
  }

  /** The configuration `webhook-config` prints, narrowed to namespaces this test labels. */
  private static void register(KubernetesClient client) {
    if (client
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .withName(webhookName)
            .get()
        != null) {
      return;
    }
    StringWriter out = new StringWriter();
    int code =
        AdmissionMain.commandLine()
            .setOut(new PrintWriter(out))
            .execute(
                "admission-controller",
                "--tls-dir",
                tls.toString(),
                "webhook-config",
                "--name",
                webhookName,
                "--url",
                "https://127.0.0.1:" + server.port() + "/validate",
                "--failure-policy",
                "Fail");
    assertThat(code).isZero();
    ValidatingWebhookConfiguration configuration =
        client
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .load(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)))
            .item();
    configuration
        .getWebhooks()
        .getFirst()
        .getNamespaceSelector()
        .setMatchLabels(Map.of(SELECTED, "true"));
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .resource(configuration)
        .create();
  }

  /** Labels the namespace for the webhook and waits until the API server calls it. */
  private static void select(KubernetesClient client, TestNamespace namespace)
      throws InterruptedException {
    register(client);
    client
        .namespaces()
        .withName(namespace.name())
        .edit(ns -> {
          ns.getMetadata().getLabels().put(SELECTED, "true");
          return ns;
        });
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        client.apps().deployments().resource(deployment("probe", true, Map.of())).dryRun().create();
      } catch (KubernetesClientException e) {
        if (e.getCode() == 403) {
          return;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the webhook was never called");
  }

  @Test
  void fabric8GetsTheDenialWithThePolicyAndItsFix(KubernetesClient client, TestNamespace namespace)
      throws InterruptedException {
    select(client, namespace);

    KubernetesClientException denied =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> client.apps().deployments().resource(deployment("web", true, Map.of())).create());

    assertThat(denied).isNotNull();
    assertThat(denied.getCode()).isEqualTo(403);
    assertThat(denied.getMessage())
        .contains("admission webhook \"validate.bulwark.dev\" denied the request")
        .contains("Bulwark blocked this Deployment")
        .contains("Privileged container (privileged-container, HIGH)")
        .contains("Fix: ");
    assertThat(client.apps().deployments().withName("web").get()).isNull();
    assertThat(AUDITED).contains("web:false");
  }

  @Test
  void kubectlPrintsTheDenialAndTheWarnings(
      KubernetesCluster cluster, KubernetesClient client, TestNamespace namespace)
      throws Exception {
    select(client, namespace);
    Path manifests = Files.createTempDirectory("manifests");
    Files.writeString(manifests.resolve("privileged.yaml"), yaml("privileged-web", true));
    Files.writeString(manifests.resolve("plain.yaml"), yaml("plain-web", false));

    KubernetesCluster.Output denied =
        kubectl(cluster, namespace, "apply", "-f", manifests.resolve("privileged.yaml").toString());
    KubernetesCluster.Output admitted =
        kubectl(cluster, namespace, "apply", "-f", manifests.resolve("plain.yaml").toString());

    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.text())
        .contains(
            "admission webhook \"validate.bulwark.dev\" denied the request: Bulwark blocked this"
                + " Deployment")
        .contains("privileged-container");
    assertThat(admitted.exitCode()).as(admitted.text()).isZero();
    assertThat(admitted.text())
        .contains("deployment.apps/plain-web created")
        .contains("Warning: Bulwark: Image uses the latest tag (latest-tag)");
  }

  @Test
  void theBreakGlassAnnotationAdmitsAndIsRecorded(KubernetesClient client, TestNamespace namespace)
      throws InterruptedException {
    select(client, namespace);

    client
        .apps()
        .deployments()
        .resource(
            deployment("emergency", true, Map.of("admission.bulwark.dev/break-glass", "INC-42")))
        .create();

    assertThat(client.apps().deployments().withName("emergency").get()).isNotNull();
    assertThat(AUDITED).contains("emergency:break-glass");
  }

  @Test
  void aPolicyFileChangeTakesEffectWithoutARestart(
      KubernetesCluster cluster, KubernetesClient client, TestNamespace namespace)
      throws Exception {
    select(client, namespace);
    Path manifests = Files.createTempDirectory("manifests");
    Files.writeString(
        manifests.resolve("before.yaml"), yaml("before", false).replace(":latest", ":canary"));
    Files.writeString(
        manifests.resolve("after.yaml"), yaml("after", false).replace(":latest", ":canary"));

    KubernetesCluster.Output before =
        kubectl(cluster, namespace, "apply", "-f", manifests.resolve("before.yaml").toString());
    Files.writeString(
        policyFiles.resolve("no-canary.json"),
        """
        {"id": "no-canary-tag", "name": "No canary images", "severity": "HIGH_SEVERITY",
         "description": "Canary builds stay out of this cluster.",
         "remediation": "Deploy a released tag.",
         "lifecycleStages": ["DEPLOY"], "categories": ["Security Best Practices"],
         "enforcementActions": ["FAIL_DEPLOYMENT_CREATE_ENFORCEMENT"],
         "policySections": [{"policyGroups": [{"fieldName": "Image Tag",
           "values": [{"value": "canary"}]}]}]}
        """);
    try {
      assertThat(policies.check()).isTrue();
      KubernetesCluster.Output after =
          kubectl(cluster, namespace, "apply", "-f", manifests.resolve("after.yaml").toString());

      assertThat(before.exitCode()).as(before.text()).isZero();
      assertThat(after.exitCode()).isNotZero();
      assertThat(after.text())
          .contains("No canary images (no-canary-tag, HIGH)")
          .contains("Fix: Deploy a released tag.");
    } finally {
      Files.delete(policyFiles.resolve("no-canary.json"));
      policies.check();
    }
  }

  @Test
  void kubectlExecIsDeniedByAFailKubeRequestPolicy(
      KubernetesCluster cluster, KubernetesClient client, TestNamespace namespace)
      throws Exception {
    select(client, namespace);
    Files.writeString(
        policyFiles.resolve("no-exec.json"),
        """
        {"id": "no-exec", "name": "No exec into pods", "severity": "HIGH_SEVERITY",
         "remediation": "Debug with an ephemeral container (kubectl debug) instead.",
         "lifecycleStages": ["RUNTIME"], "eventSource": "DEPLOYMENT_EVENT",
         "categories": ["Kubernetes Events"],
         "enforcementActions": ["FAIL_KUBE_REQUEST_ENFORCEMENT"],
         "policySections": [{"policyGroups": [{"fieldName": "Kubernetes Resource",
           "values": [{"value": "PODS_EXEC"}]}]}]}
        """);
    try {
      assertThat(policies.check()).isTrue();
      Path pod = Files.createTempFile("pod", ".yaml");
      Files.writeString(
          pod,
          """
          apiVersion: v1
          kind: Pod
          metadata: {name: shell}
          spec:
            containers: [{name: app, image: registry.example.com/app:1.0}]
          """);
      assertThat(kubectl(cluster, namespace, "apply", "-f", pod.toString()).exitCode()).isZero();

      KubernetesCluster.Output exec = kubectl(cluster, namespace, "exec", "shell", "--", "ls");

      assertThat(exec.exitCode()).isNotZero();
      assertThat(exec.text())
          .contains("admission webhook \"validate.bulwark.dev\" denied the request")
          .contains("Bulwark blocked this exec into pod " + namespace.name() + "/shell")
          .contains("No exec into pods (no-exec, HIGH)");
    } finally {
      Files.delete(policyFiles.resolve("no-exec.json"));
      policies.check();
    }
  }

  private static KubernetesCluster.Output kubectl(
      KubernetesCluster cluster, TestNamespace namespace, String... arguments) {
    List<String> command = new ArrayList<>(List.of("-n", namespace.name()));
    command.addAll(List.of(arguments));
    return cluster.kubectl(command.toArray(String[]::new));
  }

  private static String yaml(String name, boolean privileged) {
    return """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: %s
    spec:
      replicas: 1
      selector:
        matchLabels: {app: %s}
      template:
        metadata:
          labels: {app: %s}
        spec:
          containers:
            - name: app
              image: registry.example.com/app:latest
              securityContext: {privileged: %s}
    """
        .formatted(name, name, name, privileged);
  }

  private static Deployment deployment(
      String name, boolean privileged, Map<String, String> annotations) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
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
        .withImage("registry.example.com/app:1.0")
        .withNewSecurityContext()
        .withPrivileged(privileged)
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
