package dev.bulwark.sensor.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
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
