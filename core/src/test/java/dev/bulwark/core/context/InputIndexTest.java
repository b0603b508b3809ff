package dev.bulwark.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.TestManifests;
import dev.bulwark.core.workload.WorkloadExtractor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class InputIndexTest {
  private static final String INPUT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        replicas: 3
        selector: {matchLabels: {app: api}}
        template:
          metadata: {labels: {app: api, tier: back}}
          spec:
            serviceAccountName: api
            containers: [{name: api, image: api}]
      ---
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: shop}
      spec:
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: api, namespace: shop, labels: {team: a}}
      spec:
        selector: {app: api}
        ports: [{name: http, port: 80}, {port: 8443}]
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: api, namespace: shop}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: creds}
      data: {user: dXNlcg==}
      stringData: {password: hunter2}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {level: info}
      binaryData: {blob: AA==}
      ---
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata: {name: api, namespace: shop}
      spec:
        scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
        minReplicas: 2
      ---
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata: {name: db, namespace: shop}
      spec:
        scaleTargetRef: {name: db, kind: StatefulSet}
      """;

  private static InputIndex index(String yaml) {
    InputIndex.Builder builder = InputIndex.builder();
    for (ManifestObject object : TestManifests.objects(yaml)) {
      builder.add(object, WorkloadExtractor.extract(object).orElse(null));
    }
    return builder.build();
  }

  private static ObjectSelector labels(Map<String, String> labels) {
    return new ObjectSelector(labels, List.of(), true);
  }

  @Test
  void findsPodOwnersBySelectorWithinTheirNamespace() {
    InputIndex index = index(INPUT);

    assertThat(index.podOwnersSelectedBy("shop", labels(Map.of("app", "api"))))
        .extracting(PodOwner::name)
        .containsExactly("api");
    assertThat(index.selectsPods("shop", labels(Map.of("app", "db")))).isTrue();
    assertThat(index.selectsPods("shop", labels(Map.of("app", "api", "tier", "front")))).isFalse();
    assertThat(index.selectsPods("default", labels(Map.of("app", "api")))).isFalse();
    assertThat(index.podOwnersSelectedBy("shop", ObjectSelector.EVERYTHING))
        .extracting(PodOwner::name)
        .containsExactly("api", "db");
    assertThat(index.hasPodOwners("shop")).isTrue();
    assertThat(index.hasPodOwners("default")).isFalse();
  }

  @Test
  void aControllerWithoutContainersStillOwnsPods() {
    PodOwner db = index(INPUT).podOwnersNamed("shop", "StatefulSet", "db").get(0);

    assertThat(db.podLabels()).isEqualTo(Map.of("app", "db"));
    assertThat(db.replicas()).isEqualTo(1);
    assertThat(db.group()).isEqualTo("apps");
    assertThat(db.serviceAccountName()).isEqualTo("default");
  }

  @Test
  void aControllerWithoutTemplateOwnsThePodsItsSelectorNames() {
    InputIndex index =
        index(
            """
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: legacy}
            spec:
              replicas: 4
              selector: {app: legacy}
            """);

    PodOwner legacy = index.podOwnersNamed("default", "ReplicationController", "legacy").get(0);
    assertThat(legacy.podLabels()).isEqualTo(Map.of("app", "legacy"));
    assertThat(legacy.replicas()).isEqualTo(4);
  }

  @Test
  void autoscalersSetTheReplicaFloor() {
    InputIndex index = index(INPUT);

    PodOwner api = index.podOwnersNamed("shop", "Deployment", "api").get(0);
    PodOwner db = index.podOwnersNamed("shop", "StatefulSet", "db").get(0);
    assertThat(api.replicas()).isEqualTo(3);
    assertThat(index.autoscaledMinimum(api)).isEqualTo(2);
    assertThat(index.autoscaledMinimum(db)).as("KEDA never goes below one").isEqualTo(1);
  }

  @Test
  void keepsServicesServiceAccountsAndKeyNames() {
    InputIndex index = index(INPUT);

    InputIndex.IndexedService api = Objects.requireNonNull(index.service("shop", "api"));
    assertThat(api.ports()).containsExactlyInAnyOrder(80, 8443);
    assertThat(api.portNames()).containsExactly("http");
    assertThat(api.labels()).isEqualTo(Map.of("team", "a"));
    assertThat(index.service("default", "api")).isNull();
    assertThat(index.services()).hasSize(1);
    assertThat(index.hasServiceAccount("shop", "api")).isTrue();
    assertThat(index.hasServiceAccount("default", "api")).isFalse();
    assertThat(index.secretKeys("default", "creds")).containsExactlyInAnyOrder("user", "password");
    assertThat(index.configMapKeys("default", "settings"))
        .containsExactlyInAnyOrder("level", "blob");
    assertThat(index.secretKeys("default", "settings")).isNull();
  }

  @Test
  void combinedBuildersEqualOneBuilderInInputOrder() {
    List<ManifestObject> objects = TestManifests.objects(INPUT);
    InputIndex.Builder first = InputIndex.builder();
    InputIndex.Builder second = InputIndex.builder();
    for (int i = 0; i < objects.size(); i++) {
      ManifestObject object = objects.get(i);
      (i < 2 ? second : first).add(object, WorkloadExtractor.extract(object).orElse(null));
    }
    // Pod owners are the first two objects: added last, they come last.
    InputIndex combined = first.addAll(second).build();

    assertThat(combined.podOwnersSelectedBy("shop", ObjectSelector.EVERYTHING))
        .extracting(PodOwner::name)
        .containsExactly("api", "db");
    assertThat(combined.hasServiceAccount("shop", "api")).isTrue();
    assertThat(InputIndex.empty().services()).isEmpty();
  }

  @Test
  void otherGroupsOfTheSameKindAreNotIndexed() {
    InputIndex index =
        index(
            """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata: {name: web}
            ---
            apiVersion: example.com/v1
            kind: Secret
            metadata: {name: vault}
            """);

    assertThat(index.services()).isEmpty();
    assertThat(index.secretKeys("default", "vault")).isNull();
  }

  @Test
  void keepsTheRulesOfRolesByNamespaceAndOfClusterRoles() {
    InputIndex index =
        index(
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: shop}
            rules:
              - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules:
              - {apiGroups: [apps], resources: [deployments], verbs: [create]}
              - not a rule
            ---
            apiVersion: example.com/v1
            kind: Role
            metadata: {name: other, namespace: shop}
            """);

    InputIndex.IndexedRole role = Objects.requireNonNull(index.role("shop", "reader"));
    assertThat(role.rules())
        .containsExactly(
            new InputIndex.IndexedRule(List.of(""), List.of("secrets"), List.of("get", "list")));
    assertThat(Objects.requireNonNull(index.clusterRole("reader")).rules())
        .containsExactly(
            new InputIndex.IndexedRule(List.of("apps"), List.of("deployments"), List.of("create")));
    assertThat(index.role("default", "reader")).isNull();
    assertThat(index.role("shop", "other")).isNull();
    assertThat(index.clusterRole("other")).isNull();
  }
}
