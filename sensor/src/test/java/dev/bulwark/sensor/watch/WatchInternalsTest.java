package dev.bulwark.sensor.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchInternalsTest {
  @Test
  void theInformersCacheKeepsOnlyIdentityAndVersion() {
    GenericKubernetesResource secret = new GenericKubernetesResource();
    secret.setApiVersion("v1");
    secret.setKind("Secret");
    secret.setMetadata(
        new ObjectMetaBuilder()
            .withName("db")
            .withNamespace("shop")
            .withUid("s1")
            .withResourceVersion("42")
            .withLabels(Map.of("app", "db"))
            .build());
    secret.setAdditionalProperty("data", Map.of("password", "aHVudGVyMg=="));
    IdentityItemStore store = new IdentityItemStore();

    store.put(store.getKey(secret), secret);

    GenericKubernetesResource kept = store.values().findFirst().orElseThrow();
    assertThat(store.keySet()).containsExactly("shop/db");
    assertThat(kept.getAdditionalProperties()).isEmpty();
    assertThat(kept.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(kept.getMetadata().getUid()).isEqualTo("s1");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(store.isFullState()).isFalse();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void theTreeOfAParsedObjectIsWhatFabric8WouldWrite() throws Exception {
    // A pod as a kwok-backed API server lists it: typed metadata (numbers, owner references,
    // timestamps), untyped spec and status with nulls, quantities and nested lists.
    String pod =
        """
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"creationTimestamp": "2026-11-27T13:43:13Z", "generateName": "app-0-5f9-",
           "generation": 1, "labels": {"app": "app-0"}, "name": "app-0-5f9-68nck",
           "namespace": "load-0", "resourceVersion": "4031", "uid": "0906523c",
           "deletionGracePeriodSeconds": 30, "finalizers": ["example.com/keep"],
           "annotations": {"note": "x"},
           "managedFields": [{"apiVersion": "v1", "fieldsType": "FieldsV1",
             "fieldsV1": {"f:metadata": {"f:labels": {".": {}}}}, "manager": "kube-controller",
             "operation": "Update", "time": "2026-11-27T13:43:13Z"}],
           "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
             "blockOwnerDeletion": true, "controller": true, "name": "app-0-5f9",
             "uid": "63a5edf9"}]},
         "spec": {"containers": [{"image": "registry.example.com/load/app:0", "name": "app",
             "ports": [{"containerPort": 8080, "protocol": "TCP"}],
             "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}],
           "securityContext": {}, "priority": 0, "terminationGracePeriodSeconds": 30},
         "status": {"conditions": [{"lastProbeTime": null, "status": "True", "type": "Ready"}],
           "containerStatuses": [{"imageID": "sha256:abc", "ready": true, "restartCount": 0,
             "state": {"running": {"startedAt": "2026-11-27T13:43:14Z"}}}],
           "phase": "Running", "podIP": "10.0.0.1"}}
        """;
    KubernetesSerialization serialization = new KubernetesSerialization();
    GenericKubernetesResource parsed =
        serialization.unmarshal(pod, GenericKubernetesResource.class);

    String throughText = new ObjectMapper().readTree(serialization.asJson(parsed)).toString();

    assertThat(ClusterWatch.tree(parsed).toString()).isEqualTo(throughText);
  }

  @Test
  void customResourcesWithAPodTemplateInTheirSchemaAreFound() {
    assertThat(PodTemplateResources.hasPodTemplate(version(schema("spec", "template", "spec"))))
        .isTrue();
    assertThat(
            PodTemplateResources.hasPodTemplate(
                version(schema("spec", "jobTemplate", "spec", "template", "spec"))))
        .isTrue();
    assertThat(PodTemplateResources.hasPodTemplate(version(schema("spec", "replicas")))).isFalse();
    assertThat(
            PodTemplateResources.hasPodTemplate(
                new CustomResourceDefinitionVersionBuilder().withName("v1").build()))
        .isFalse();
  }

  @Test
  void aDefinitionIsWatchedOnlyOnceEstablished() {
    CustomResourceDefinition pending =
        new CustomResourceDefinitionBuilder()
            .withNewMetadata()
            .withName("r.x")
            .endMetadata()
            .build();
    CustomResourceDefinition established =
        new CustomResourceDefinitionBuilder(pending)
            .withNewStatus()
            .addNewCondition()
            .withType("Established")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();

    assertThat(PodTemplateResources.established(pending)).isFalse();
    assertThat(PodTemplateResources.established(established)).isTrue();
  }

  private static CustomResourceDefinitionVersion version(JSONSchemaProps schema) {
    return new CustomResourceDefinitionVersionBuilder()
        .withName("v1")
        .withServed(true)
        .withStorage(true)
        .withNewSchema()
        .withOpenAPIV3Schema(schema)
        .endSchema()
        .build();
  }

  /** An object schema with nested properties along {@code path}. */
  private static JSONSchemaProps schema(String... path) {
    JSONSchemaProps leaf = new JSONSchemaPropsBuilder().withType("object").build();
    for (int index = path.length - 1; index >= 0; index--) {
      leaf =
          new JSONSchemaPropsBuilder()
              .withType("object")
              .addToProperties(path[index], leaf)
              .build();
    }
    return leaf;
  }
}
