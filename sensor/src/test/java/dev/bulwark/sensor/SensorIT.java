package dev.bulwark.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.image.ImageDataJson;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.io.PolicyWriter;
import dev.bulwark.sensor.central.StreamSettings;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import dev.bulwark.sensor.evaluation.DeploymentVerdict;
import dev.bulwark.sensor.evaluation.PolicyViolation;
import dev.bulwark.sensor.evaluation.VerdictListener;
import dev.bulwark.sensor.testing.ImageFixtures;
import dev.bulwark.sensor.testing.RecordingCentral;
import dev.bulwark.testsupport.kubernetes.RealKubernetes;
import dev.bulwark.testsupport.kubernetes.TestNamespace;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sensor against a real API server: informers list and watch Deployments, their pods and
 * Secrets; the sensor sends them to (a recording stand-in for) central in a resync and then in
 * change batches, never with Secret data; and evaluates deployments with central's policies.
 */
@RealKubernetes
class SensorIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tls;
  @TempDir Path state;

  @Test
  void theClusterIsResyncedThenStreamedAndEvaluated(
      KubernetesClient client, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    client
        .secrets()
        .inNamespace(ns)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .withStringData(Map.of("password", "very-secret-value"))
                .build())
        .create();
    client.apps().deployments().inNamespace(ns).resource(deployment("before", false)).create();
    List<DeploymentVerdict> verdicts = new CopyOnWriteArrayList<>();
    try (RecordingCentral central = RecordingCentral.start(tls)) {
      central.policies(
          "{\"fingerprint\": \"it\", \"policies\": "
              + PolicyWriter.toStackRoxJson(
                  BuiltinPolicies.all().stream()
                      .filter(policy -> policy.id().equals("privileged-container"))
                      .toList(),
                  true)
              + ", \"exceptions\": []}");
      SensorSettings settings =
          SensorSettings.defaults(
                  central.url(), central.cluster, "sensor-token", central.caFile, state)
              .withStream(
                  StreamSettings.defaults()
                      .withRetries(Duration.ofMillis(50), Duration.ofSeconds(1)));
      try (Sensor sensor =
          Sensor.start(
              settings,
              client,
              sink -> new Sensor.Listeners(List.of(recorder(verdicts)), List.of()))) {
        central.await("the resync", c -> !c.applied().isEmpty());
        JsonNode resync = central.applied().getFirst().json();
        assertThat(central.applied().getFirst().method()).isEqualTo("PUT");
        JsonNode secret = find(resync.get("objects"), "Secret", ns, "db");
        assertThat(secret.has("data")).isFalse();
        assertThat(secret.has("stringData")).isFalse();
        assertThat(secret.get("type").asText()).isEqualTo("Opaque");
        assertThat(
                find(resync.get("objects"), "Deployment", ns, "before").get("spec").has("template"))
            .isTrue();
        assertThat(find(resync.get("objects"), "Namespace", "", ns)).isNotNull();

        client.apps().deployments().inNamespace(ns).resource(deployment("after", true)).create();

        central.await(
            "the new deployment, its ReplicaSet and pod in change batches",
            c ->
                upserted(c, "Deployment", ns, "after")
                    && upserted(c, "ReplicaSet", ns, null)
                    && upserted(c, "Pod", ns, null));
        awaitVerdict(verdicts, "after");
        assertThat(
                verdicts.stream()
                    .filter(v -> v.deployment().name().equals("after"))
                    .findFirst()
                    .orElseThrow()
                    .violations())
            .extracting(PolicyViolation::policyId)
            .containsExactly("privileged-container");
        assertThat(verdicts).extracting(v -> v.deployment().name()).contains("before");

        client.secrets().inNamespace(ns).withName("db").delete();
        central.await("the Secret's deletion", c -> deleted(c, "Secret", ns, "db"));
        for (RecordingCentral.Call call : central.calls()) {
          assertThat(call.json().toString())
              .doesNotContain("very-secret-value")
              .doesNotContain("dmVyeS1zZWNyZXQtdmFsdWU=");
        }
        assertThat(sensor.watched())
            .extracting(Object::toString)
            .contains("apps/v1/Deployment", "v1/Pod", "v1/Secret", "v1/Namespace");
      }
    }
  }

  @Test
  void imagePoliciesAreEvaluatedWithCentralsScanOfTheDigestThePodRuns(
      KubernetesClient client, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    String digest = "sha256:" + "c0ffee".repeat(10) + "abcd";
    List<DeploymentVerdict> verdicts = new CopyOnWriteArrayList<>();
    try (RecordingCentral central = RecordingCentral.start(tls)) {
      central.policies(
          "{\"fingerprint\": \"images\", \"policies\": "
              + PolicyWriter.toStackRoxJson(
                  List.of(ImageFixtures.fixableVulnerabilityPolicy()), true)
              + ", \"exceptions\": []}");
      central.respond(
          call -> call.path().endsWith("/images/scans") ? scansOf(call.json(), digest) : null);
      try (Sensor sensor =
          Sensor.start(
              SensorSettings.defaults(
                  central.url(), central.cluster, "sensor-token", central.caFile, state),
              client,
              sink -> new Sensor.Listeners(List.of(recorder(verdicts)), List.of()))) {
        client.apps().deployments().inNamespace(ns).resource(deployment("scanned", false)).create();
        awaitVerdict(verdicts, "scanned");
        assertThat(violations(verdicts, "scanned")).isEmpty(); // central knows only the digest

        // No kubelet runs here: report what a kubelet would once the container started.
        Pod pod = awaitPod(client, ns, "scanned");
        pod.getStatus()
            .setContainerStatuses(
                List.of(
                    new ContainerStatusBuilder()
                        .withName("c")
                        .withImage("nginx:1.25")
                        .withImageID("docker.io/library/nginx@" + digest)
                        .withReady(true)
                        .withRestartCount(0)
                        .build()));
        client.pods().inNamespace(ns).resource(pod).updateStatus();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!violations(verdicts, "scanned").contains("fixable")) {
          if (System.nanoTime() > deadline) {
            throw new AssertionError("the scan never reached the verdict: " + verdicts);
          }
          Thread.sleep(50);
        }
        assertThat(
                central.calls(call -> call.path().endsWith("/images/scans")).stream()
                    .map(call -> call.json().toString()))
            .anySatisfy(asked -> assertThat(asked).contains(digest));
      }
    }
  }

  /** The policy ids the deployment's latest verdict violates. */
  private static List<String> violations(List<DeploymentVerdict> verdicts, String name) {
    return verdicts.stream()
        .filter(v -> v.deployment().name().equals(name))
        .reduce((first, second) -> second)
        .map(v -> v.violations().stream().map(PolicyViolation::policyId).toList())
        .orElse(List.of());
  }

  private static Pod awaitPod(KubernetesClient client, String namespace, String app)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<Pod> pods = client.pods().inNamespace(namespace).withLabel("app", app).list().getItems();
      if (!pods.isEmpty()) {
        return pods.getFirst();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the deployment controller made no pod for " + app);
  }

  /** As central answers: data with a fixable vulnerability for {@code digest}, nothing else. */
  private static RecordingCentral.Answer scansOf(JsonNode query, String digest) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode images = body.putArray("images");
    for (JsonNode image : query.get("images")) {
      if (image.path("digest").asText("").equals(digest)) {
        ObjectNode entry = images.addObject();
        entry.set("name", image.get("name"));
        entry.put("digest", digest);
        ImageDataJson.write(entry.putObject("data"), ImageFixtures.withFixableVulnerability());
      }
    }
    return new RecordingCentral.Answer(200, body.toString());
  }

  @Test
  void customResourcesWithPodTemplatesDefinedLaterAreWatchedAndEvaluated(
      KubernetesClient client, TestNamespace namespace) throws Exception {
    String ns = namespace.name();
    String group = "it" + System.nanoTime() + ".bulwark.dev";
    List<DeploymentVerdict> verdicts = new CopyOnWriteArrayList<>();
    try (RecordingCentral central = RecordingCentral.start(tls);
        Sensor sensor =
            Sensor.start(
                SensorSettings.defaults(
                    central.url(), central.cluster, "sensor-token", central.caFile, state),
                client,
                sink -> new Sensor.Listeners(List.of(recorder(verdicts)), List.of()))) {
      central.await("the resync", c -> !c.applied().isEmpty());
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(runnerDefinition(group))
          .create();
      try {
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("runners." + group)
            .waitUntilCondition(
                definition ->
                    definition.getStatus() != null
                        && definition.getStatus().getConditions().stream()
                            .anyMatch(condition ->
                                condition.getType().equals("Established")
                                    && condition.getStatus().equals("True")),
                30,
                TimeUnit.SECONDS);
        // Created before or after the sensor starts watching runners, the informer's list or
        // watch reports it.
        client
            .genericKubernetesResources(group + "/v1", "Runner")
            .inNamespace(ns)
            .resource(
                client
                    .getKubernetesSerialization()
                    .unmarshal(
                        """
                        {"apiVersion": "%s/v1", "kind": "Runner",
                         "metadata": {"name": "job-runner"},
                         "spec": {"template": {"spec": {"containers": [{"name": "c",
                           "image": "busybox:1.36", "securityContext": {"privileged": true}}]}}}}
                        """
                            .formatted(group),
                        GenericKubernetesResource.class))
            .create();

        central.await(
            "the custom resource in a change batch", c -> upserted(c, "Runner", ns, "job-runner"));
        awaitVerdict(verdicts, "job-runner");
        assertThat(
                verdicts.stream()
                    .filter(v -> v.deployment().name().equals("job-runner"))
                    .findFirst()
                    .orElseThrow()
                    .violations())
            .extracting(PolicyViolation::policyId)
            .isEmpty(); // the recording central's policy set is empty
      } finally {
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("runners." + group)
            .delete();
      }
    }
  }

  private static CustomResourceDefinition runnerDefinition(String group) {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName("runners." + group)
        .endMetadata()
        .withNewSpec()
        .withGroup(group)
        .withScope("Namespaced")
        .withNewNames()
        .withKind("Runner")
        .withPlural("runners")
        .withSingular("runner")
        .endNames()
        .addNewVersion()
        .withName("v1")
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .addToProperties(
            "spec",
            new JSONSchemaPropsBuilder()
                .withType("object")
                .addToProperties(
                    "template",
                    new JSONSchemaPropsBuilder()
                        .withType("object")
                        .addToProperties(
                            "spec",
                            new JSONSchemaPropsBuilder()
                                .withType("object")
                                .withXKubernetesPreserveUnknownFields(true)
                                .build())
                        .build())
                .build())
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  private static Deployment deployment(String name, boolean privileged) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
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
        .withName("c")
        .withImage("nginx:1.25")
        .withNewSecurityContext()
        .withPrivileged(privileged)
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static VerdictListener recorder(List<DeploymentVerdict> verdicts) {
    return new VerdictListener() {
      @Override
      public void evaluated(DeploymentVerdict verdict) {
        verdicts.add(verdict);
      }

      @Override
      public void removed(DeploymentRef deployment) {}
    };
  }

  private static void awaitVerdict(List<DeploymentVerdict> verdicts, String name)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (verdicts.stream().noneMatch(v -> v.deployment().name().equals(name))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no verdict for " + name + ": " + verdicts);
      }
      Thread.sleep(50);
    }
  }

  private static JsonNode find(JsonNode objects, String kind, String namespace, String name) {
    for (JsonNode object : objects) {
      JsonNode metadata = object.get("metadata");
      if (object.get("kind").asText().equals(kind)
          && metadata.path("namespace").asText("").equals(namespace)
          && metadata.get("name").asText().equals(name)) {
        return object;
      }
    }
    throw new AssertionError("no " + kind + " " + namespace + "/" + name);
  }

  private static Stream<JsonNode> changes(RecordingCentral central, String action) {
    List<JsonNode> changes = new ArrayList<>();
    for (RecordingCentral.Call call : central.applied()) {
      call.json().path("changes").forEach(changes::add);
    }
    return changes.stream()
        .filter(change -> change.get("action").asText().equals(action))
        .map(change -> change.get("object"));
  }

  private static boolean upserted(
      RecordingCentral central, String kind, String namespace, @Nullable String name) {
    return changes(central, "UPSERT").anyMatch(object -> matches(object, kind, namespace, name));
  }

  private static boolean deleted(
      RecordingCentral central, String kind, String namespace, String name) {
    return changes(central, "DELETE").anyMatch(object -> matches(object, kind, namespace, name));
  }

  private static boolean matches(
      JsonNode object, String kind, String namespace, @Nullable String name) {
    return object.get("kind").asText().equals(kind)
        && object.get("metadata").path("namespace").asText("").equals(namespace)
        && (name == null || object.get("metadata").get("name").asText().equals(name));
  }
}
