package dev.bulwark.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.TestManifests;
import dev.bulwark.core.workload.Workload;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterContextTest {
  @Test
  void emptyContextKnowsOnlyTheWorkloadItself() {
    Workload workload =
        TestManifests.workload(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: team}
            spec:
              serviceAccountName: builder
              automountServiceAccountToken: false
              containers:
              - {name: app, ports: [{containerPort: 80}]}
            """);

    WorkloadContext context = ClusterContext.empty().contextOf(workload);

    assertThat(context)
        .isEqualTo(
            new WorkloadContext(
                java.util.List.of(new ExposedPort(80, "TCP", PortExposure.UNSET, 0, null)),
                false,
                false,
                RbacLevel.DEFAULT,
                Map.of(),
                false,
                false));
  }

  @Test
  void readsTheLabelsOfTheWorkloadNamespace() {
    WorkloadContext context =
        ContextFixture.contextOf(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: payments}
            spec: {containers: [{name: app}]}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: payments
              labels: {pod-security.kubernetes.io/enforce: restricted, team: pay}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: other, labels: {team: other}}
            """);

    assertThat(context.namespaceLabels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("pod-security.kubernetes.io/enforce", "restricted", "team", "pay"));
  }

  @ParameterizedTest(name = "account {0} declared in {1}: known {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "robot,   apps,  true",
        "robot,   other, false",
        "robot,   null,  false",
        "default, null,  true",
      })
  void knowsServiceAccountsDeclaredInTheNamespace(
      String account, @Nullable String declaredIn, boolean known) {
    String serviceAccount =
        declaredIn == null
            ? ""
            : """
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: %s, namespace: %s}
            """
                .formatted(account, declaredIn);
    WorkloadContext context =
        ContextFixture.contextOf(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: apps}
            spec: {serviceAccountName: %s, containers: [{name: app}]}
            """
                    .formatted(account)
                + serviceAccount);

    assertThat(context.serviceAccountKnown()).isEqualTo(known);
  }

  @ParameterizedTest(name = "pod {0}, service account {1} -> {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "null,  null,  true",
        "null,  false, false",
        "null,  true,  true",
        "false, true,  false",
        "true,  false, true",
        "false, null,  false",
      })
  void podAutomountWinsOverTheServiceAccount(
      @Nullable Boolean pod, @Nullable Boolean serviceAccount, boolean expected) {
    WorkloadContext context =
        ContextFixture.contextOf(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d, namespace: apps}
            spec:
              template:
                spec:
                  serviceAccountName: robot
                  %s
                  containers: [{name: app}]
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: apps}
            %s
            """
                .formatted(
                    pod == null ? "" : "automountServiceAccountToken: " + pod,
                    serviceAccount == null
                        ? ""
                        : "automountServiceAccountToken: " + serviceAccount));

    assertThat(context.automountServiceAccountToken()).isEqualTo(expected);
  }

  @Test
  void aProjectedTokenMountWinsOverAServiceAccountThatDisablesAutomount() {
    WorkloadContext context =
        ContextFixture.contextOf(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: apps}
            spec:
              serviceAccountName: robot
              volumes:
              - {name: token, projected: {sources: [{serviceAccountToken: {path: token}}]}}
              containers:
              - name: app
                volumeMounts: [{name: token, mountPath: /token}]
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: apps}
            automountServiceAccountToken: false
            """);

    assertThat(context.automountServiceAccountToken()).isTrue();
  }

  @Test
  void theServiceAccountOfAnotherNamespaceDoesNotApply() {
    WorkloadContext context =
        ContextFixture.contextOf(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: apps}
            spec: {serviceAccountName: robot, containers: [{name: app}]}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: other}
            automountServiceAccountToken: false
            """);

    assertThat(context.automountServiceAccountToken()).isTrue();
    assertThat(context.serviceAccountKnown()).isFalse();
  }

  @Test
  void handBuiltWorkloadsWithoutThePodSettingDeferToTheServiceAccount() {
    Workload extracted =
        TestManifests.workload(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec: {serviceAccountName: robot, containers: [{name: app}]}
            """);
    Workload handBuilt =
        new Workload(
            extracted.object(),
            extracted.kind(),
            extracted.name(),
            extracted.namespace(),
            extracted.labels(),
            extracted.annotations(),
            extracted.podLabels(),
            extracted.podAnnotations(),
            extracted.podSpecPath(),
            extracted.replicas(),
            false,
            false,
            false,
            "robot",
            true,
            null,
            extracted.volumes(),
            extracted.containers(),
            extracted.nodeSelector(),
            extracted.sysctls());
    ClusterContext context =
        ClusterContext.builder()
            .add(
                TestManifests.object(
                    """
                    apiVersion: v1
                    kind: ServiceAccount
                    metadata: {name: robot}
                    automountServiceAccountToken: false
                    """))
            .build();

    assertThat(handBuilt.podAutomountServiceAccountToken()).isNull();
    assertThat(context.contextOf(handBuilt).automountServiceAccountToken()).isFalse();
  }

  @Test
  void buildersCombinedInInputOrderEqualOneBuilder() {
    List<ManifestObject> objects =
        TestManifests.objects(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: team, labels: {app: web}}
            spec:
              serviceAccountName: robot
              containers: [{name: app, ports: [{containerPort: 8080}]}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: team}
            spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: team}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: team, labels: {tier: first}}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: robot, namespace: team}
            automountServiceAccountToken: false
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: robot-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: ServiceAccount, name: robot, namespace: team}]
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: team, labels: {tier: second}}
            """);
    Workload workload = ContextFixture.firstWorkload(objects);
    ClusterContext.Builder whole = ClusterContext.builder();
    objects.forEach(whole::add);
    WorkloadContext expected = whole.build().contextOf(workload);

    ClusterContext.Builder left = builderOf(objects.subList(0, 3));
    left.addAll(builderOf(objects.subList(3, 5)));
    ClusterContext.Builder right = builderOf(objects.subList(5, 6));
    right.addAll(builderOf(objects.subList(6, 7)));
    WorkloadContext combined = left.addAll(right).build().contextOf(workload);

    assertThat(expected.exposedPorts())
        .singleElement()
        .extracting(ExposedPort::exposure)
        .isEqualTo(PortExposure.NODE);
    assertThat(expected.hasIngressPolicy()).isTrue();
    assertThat(expected.rbacLevel()).isEqualTo(RbacLevel.CLUSTER_ADMIN);
    assertThat(expected.namespaceLabels()).containsEntry("tier", "second");
    assertThat(combined).isEqualTo(expected);
  }

  private static ClusterContext.Builder builderOf(List<ManifestObject> objects) {
    ClusterContext.Builder builder = ClusterContext.builder();
    objects.forEach(builder::add);
    return builder;
  }
}
