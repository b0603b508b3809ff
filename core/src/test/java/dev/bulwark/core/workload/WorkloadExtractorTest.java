package dev.bulwark.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadExtractorTest {
  private static final FieldPath CONTAINER = FieldPath.of("spec").key("containers").index(0);
  private static final String TEMPLATE =
      """
      template:
        metadata:
          labels: {app: web}
        spec:
          containers:
          - name: app
            image: nginx
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "apps/v1,                Deployment",
    "apps/v1,                ReplicaSet",
    "v1,                     ReplicationController",
    "apps/v1,                StatefulSet",
    "apps/v1,                DaemonSet",
    "batch/v1,               Job",
    "apps.openshift.io/v1,   DeploymentConfig",
    "argoproj.io/v1alpha1,   Rollout",
    "serving.knative.dev/v1, Service",
    "example.com/v1,         WebApp",
  })
  void findsThePodTemplateOfAnyKind(String apiVersion, String kind) {
    Workload workload = TestManifests.workload(objectWithSpec(apiVersion, kind, TEMPLATE));

    assertThat(workload.kind()).isEqualTo(kind);
    assertThat(workload.podSpecPath()).hasToString("spec.template.spec");
    assertThat(workload.podLabels()).containsExactly(Map.entry("app", "web"));
    assertThat(workload.containers())
        .singleElement()
        .satisfies(container -> {
          assertThat(container.name()).isEqualTo("app");
          assertThat(container.path()).hasToString("spec.template.spec.containers[0]");
        });
  }

  @Test
  void findsTheJobTemplateOfACronJob() {
    Workload workload =
        TestManifests.workload(
            """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: nightly
              labels: {team: data}
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      labels: {job: nightly}
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: run
                        image: busybox:1.36
            """);

    assertThat(workload.podSpecPath()).hasToString("spec.jobTemplate.spec.template.spec");
    assertThat(workload.labels()).containsExactly(Map.entry("team", "data"));
    assertThat(workload.podLabels()).containsExactly(Map.entry("job", "nightly"));
    assertThat(workload.replicas()).isNull();
    assertThat(workload.containers().getFirst().path())
        .hasToString("spec.jobTemplate.spec.template.spec.containers[0]");
  }

  /**
   * The API server drops unknown fields of built-in kinds, so a decoy {@code spec.containers} in a
   * Deployment never runs; the template does.
   */
  @Test
  void readsTheTemplateOfABuiltInKindEvenWithADecoyPodSpec() {
    Workload workload =
        TestManifests.workload(
            objectWithSpec(
                "apps/v1",
                "Deployment",
                """
                containers:
                - {name: decoy, image: nginx}
                """
                    + TEMPLATE));

    assertThat(workload.podSpecPath()).hasToString("spec.template.spec");
    assertThat(workload.containers()).extracting(Container::name).containsExactly("app");
  }

  @Test
  void readsTheJobTemplateOfACronJobEvenWithADecoyTemplate() {
    Workload workload =
        TestManifests.workload(
            objectWithSpec(
                "batch/v1",
                "CronJob",
                TEMPLATE.replace("name: app", "name: decoy")
                    + """
                    jobTemplate:
                      spec:
                        template:
                          spec:
                            containers:
                            - {name: run, image: busybox}
                    """));

    assertThat(workload.podSpecPath()).hasToString("spec.jobTemplate.spec.template.spec");
    assertThat(workload.containers()).extracting(Container::name).containsExactly("run");
  }

  @Test
  void readsABarePodWithTheObjectMetadata() {
    Workload workload =
        TestManifests.workload(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug
              namespace: tools
              labels: {app: debug}
              annotations: {note: hello}
            spec:
              containers:
              - name: shell
                image: busybox
            """);

    assertThat(workload.name()).isEqualTo("debug");
    assertThat(workload.namespace()).isEqualTo("tools");
    assertThat(workload.podSpecPath()).hasToString("spec");
    assertThat(workload.podLabels()).isEqualTo(workload.labels()).containsEntry("app", "debug");
    assertThat(workload.podAnnotations()).containsExactly(Map.entry("note", "hello"));
    assertThat(workload.replicas()).isNull();
    assertThat(workload.containers().getFirst().path()).hasToString("spec.containers[0]");
  }

  @Test
  void findsACustomResourceWhoseSpecIsAPodSpec() {
    Workload workload =
        TestManifests.workload(
            objectWithSpec(
                "example.com/v1",
                "Sandbox",
                """
                containers:
                - name: box
                  image: box
                """));

    assertThat(workload.podSpecPath()).hasToString("spec");
    assertThat(workload.replicas()).isNull();
  }

  @Test
  void findsOneLevelOfOperatorNesting() {
    Workload ray =
        TestManifests.workload(
            objectWithSpec(
                "ray.io/v1",
                "RayCluster",
                """
                rayVersion: "2.9"
                headGroupSpec:
                  rayStartParams: {}
                  template:
                    metadata:
                      labels: {ray: head}
                    spec:
                      containers:
                      - name: head
                        image: rayproject/ray
                """));
    Workload flink =
        TestManifests.workload(
            objectWithSpec(
                "flink.apache.org/v1beta1",
                "FlinkDeployment",
                """
                image: flink:1.17
                podTemplate:
                  metadata:
                    labels: {flink: pod}
                  spec:
                    containers:
                    - name: flink-main-container
                """));

    assertThat(ray.podSpecPath()).hasToString("spec.headGroupSpec.template.spec");
    assertThat(ray.podLabels()).containsExactly(Map.entry("ray", "head"));
    assertThat(flink.podSpecPath()).hasToString("spec.podTemplate.spec");
    assertThat(flink.podLabels()).containsExactly(Map.entry("flink", "pod"));
    assertThat(flink.containers().getFirst().image().fullName()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "kind: ConfigMap\ndata: {a: b}",
        "kind: Service\nspec: {selector: {app: web}, ports: [{port: 80}]}",
        "kind: Deployment\nspec: {template: {spec: {containers: {name: not-a-list}}}}",
        "kind: Deployment\nspec: {template: {spec: {}}}",
        "kind: Deployment\nspec: [not, a, map]",
        "kind: Thing\nspec: {items: [{template: {spec: {containers: []}}}]}",
      })
  void objectsWithoutAPodSpecHaveNoWorkload(String body) {
    assertThat(WorkloadExtractor.extract(TestManifests.object("apiVersion: v1\n" + body)))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "apps/v1, Deployment, 'template: {spec: {hostPID: true}}', spec.template.spec",
    "apps.openshift.io/v1, DeploymentConfig, 'template: {spec: {hostPID: true}}',"
        + " spec.template.spec",
    "batch/v1, CronJob, 'jobTemplate: {spec: {template: {spec: {hostPID: true}}}}',"
        + " spec.jobTemplate.spec.template.spec",
    "v1, Pod, 'hostPID: true', spec",
  })
  void builtInKindsWithoutContainersAreWorkloadsWithNoContainers(
      String apiVersion, String kind, String spec, String podSpecPath) {
    Workload workload = TestManifests.workload(objectWithSpec(apiVersion, kind, spec));

    assertThat(workload.podSpecPath()).hasToString(podSpecPath);
    assertThat(workload.hostPid()).isTrue();
    assertThat(workload.containers()).isEmpty();
  }

  @ParameterizedTest(name = "{0} replicas {1} -> {2}")
  @CsvSource(
      nullValues = "null",
      value = {
        "Deployment,            null, 1",
        "Deployment,            3,    3",
        "Deployment,            0,    0",
        "StatefulSet,           null, 1",
        "ReplicaSet,            null, 1",
        "ReplicationController, null, 1",
        "DeploymentConfig,      null, 1",
        "Rollout,               null, 1",
        "Rollout,               5,    5",
        "DaemonSet,             null, null",
        "DaemonSet,             4,    null",
        "Job,                   2,    null",
        "WebApp,                null, null",
        "WebApp,                7,    7",
        "Deployment,            '\"x\"', 1",
        "Deployment,            99999999999, 1",
      })
  void readsReplicasByKind(String kind, @Nullable String declared, @Nullable Integer expected) {
    String replicas = declared == null ? "" : "replicas: " + declared + "\n";
    Workload workload =
        TestManifests.workload(objectWithSpec("example.com/v1", kind, replicas + TEMPLATE));
    assertThat(workload.replicas()).isEqualTo(expected);
  }

  @Test
  void defaultsNamespaceServiceAccountAndAutomount() {
    Workload workload = TestManifests.workload(objectWithSpec("apps/v1", "Deployment", TEMPLATE));

    assertThat(workload.namespace()).isEqualTo("default");
    assertThat(workload.serviceAccountName()).isEqualTo("default");
    assertThat(workload.automountServiceAccountToken()).isTrue();
    assertThat(workload.podAutomountServiceAccountToken()).isNull();
    assertThat(workload.hostNetwork()).isFalse();
    assertThat(workload.hostPid()).isFalse();
    assertThat(workload.hostIpc()).isFalse();
    assertThat(workload.runtimeClassName()).isNull();
    assertThat(workload.nodeSelector()).isEmpty();
    assertThat(workload.sysctls()).isEmpty();
    assertThat(workload.volumes()).isEmpty();
  }

  @Test
  void readsPodLevelSettings() {
    Workload workload =
        TestManifests.workload(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: ""}
            spec:
              hostNetwork: true
              hostPID: true
              hostIPC: true
              serviceAccount: legacy-name
              automountServiceAccountToken: false
              runtimeClassName: gvisor
              nodeSelector: {disk: ssd}
              securityContext:
                sysctls:
                - {name: net.core.somaxconn, value: "1024"}
                - {value: "no name"}
                - {name: kernel.shm_rmid_forced, value: "1"}
              containers:
              - {name: a, image: a}
            """);

    assertThat(workload.namespace()).isEqualTo("default");
    assertThat(workload.hostNetwork()).isTrue();
    assertThat(workload.hostPid()).isTrue();
    assertThat(workload.hostIpc()).isTrue();
    assertThat(workload.serviceAccountName()).isEqualTo("legacy-name");
    assertThat(workload.automountServiceAccountToken()).isFalse();
    assertThat(workload.podAutomountServiceAccountToken()).isFalse();
    assertThat(workload.runtimeClassName()).isEqualTo("gvisor");
    assertThat(workload.nodeSelector()).containsExactly(Map.entry("disk", "ssd"));
    assertThat(workload.sysctls()).containsExactly("net.core.somaxconn", "kernel.shm_rmid_forced");
  }

  /** A projected token volume hands the container an API token whatever automounting says. */
  @Test
  void aMountedProjectedServiceAccountTokenCountsAsAutomounted() {
    String spec =
        """
        automountServiceAccountToken: false
        volumes:
        - name: token
          projected:
            sources:
            - configMap: {name: kube-root-ca.crt}
            - serviceAccountToken: {path: token}
        containers:
        - name: app
          volumeMounts:
          - {name: token, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}
        """;

    Workload mounted = TestManifests.workload(podSpec(spec));
    Workload declaredOnly =
        TestManifests.workload(podSpec(spec.substring(0, spec.indexOf("  volumeMounts:"))));

    assertThat(mounted.automountServiceAccountToken()).isTrue();
    assertThat(mounted.podAutomountServiceAccountToken()).isTrue();
    assertThat(declaredOnly.automountServiceAccountToken()).isFalse();
    assertThat(declaredOnly.podAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void serviceAccountNameWinsOverTheDeprecatedField() {
    Workload workload =
        TestManifests.workload(
            podSpec(
                """
                serviceAccount: old
                serviceAccountName: new
                automountServiceAccountToken: true
                containers: []
                """));

    assertThat(workload.serviceAccountName()).isEqualTo("new");
    assertThat(workload.podAutomountServiceAccountToken()).isTrue();
    assertThat(workload.containers()).isEmpty();
  }

  @Test
  void readsInitRegularAndEphemeralContainersWithTheirPaths() {
    Workload workload =
        TestManifests.workload(
            podSpec(
                """
                initContainers:
                - {name: migrate, image: migrate}
                - not-a-container
                - {name: sidecar, image: proxy, restartPolicy: Always}
                containers:
                - {name: app, image: app, imagePullPolicy: Always}
                ephemeralContainers:
                - {name: debugger, image: busybox}
                """));

    assertThat(workload.containers())
        .extracting(Container::name, Container::type, container -> container.path().toString())
        .containsExactly(
            tuple("migrate", ContainerType.INIT, "spec.initContainers[0]"),
            tuple("sidecar", ContainerType.INIT, "spec.initContainers[2]"),
            tuple("app", ContainerType.REGULAR, "spec.containers[0]"),
            tuple("debugger", ContainerType.EPHEMERAL, "spec.ephemeralContainers[0]"));
    assertThat(workload.containers().get(2).imagePullPolicy()).isEqualTo("Always");
    assertThat(workload.containers().get(0).imagePullPolicy()).isNull();
  }

  @Test
  void readsPortsWithDefaultProtocolAndSkipsPortsWithoutNumber() {
    Container container =
        onlyContainer(
            """
            ports:
            - {name: http, containerPort: 8080}
            - {containerPort: 53, protocol: udp, hostPort: 5353}
            - {name: missing-number}
            - {containerPort: "9090"}
            - {containerPort: 99999999999}
            """);

    assertThat(container.ports())
        .containsExactly(
            new ContainerPort("http", 8080, 0, "TCP", CONTAINER.key("ports").index(0)),
            new ContainerPort(null, 53, 5353, "UDP", CONTAINER.key("ports").index(1)),
            new ContainerPort(null, 9090, 0, "TCP", CONTAINER.key("ports").index(3)));
  }

  @Test
  void readsEnvironmentSources() {
    Container container =
        onlyContainer(
            """
            env:
            - {name: PLAIN, value: hello}
            - {name: EMPTY}
            - name: PASSWORD
              valueFrom: {secretKeyRef: {name: db, key: password}}
            - name: MODE
              valueFrom: {configMapKeyRef: {name: settings, key: mode}}
            - name: POD_IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
            - name: CPU
              valueFrom: {resourceFieldRef: {resource: limits.cpu}}
            - name: FILE
              valueFrom: {fileKeyRef: {path: a, key: b}}
            envFrom:
            - secretRef: {name: all-secrets}
            - prefix: CFG_
              configMapRef: {name: all-settings}
            - {prefix: X_}
            """);

    assertThat(container.env())
        .extracting(EnvVar::name, EnvVar::value, EnvVar::source)
        .containsExactly(
            tuple("PLAIN", "hello", EnvVar.Source.RAW),
            tuple("EMPTY", "", EnvVar.Source.RAW),
            tuple("PASSWORD", "db:password", EnvVar.Source.SECRET_KEY),
            tuple("MODE", "settings:mode", EnvVar.Source.CONFIG_MAP_KEY),
            tuple("POD_IP", "status.podIP", EnvVar.Source.FIELD),
            tuple("CPU", "limits.cpu", EnvVar.Source.RESOURCE_FIELD),
            tuple("FILE", "", EnvVar.Source.UNKNOWN),
            tuple("*", "all-secrets", EnvVar.Source.SECRET_KEY),
            tuple("CFG_*", "all-settings", EnvVar.Source.CONFIG_MAP_KEY),
            tuple("X_*", "", EnvVar.Source.UNKNOWN));
    assertThat(container.env().get(2).path()).hasToString("spec.containers[0].env[2]");
    assertThat(container.env().get(7).path()).hasToString("spec.containers[0].envFrom[0]");
  }

  @Test
  void joinsVolumeMountsWithPodVolumes() {
    Workload workload =
        TestManifests.workload(
            podSpec(
                """
                volumes:
                - {name: host, hostPath: {path: /var/run/docker.sock, type: Socket}}
                - {name: creds, secret: {secretName: db-creds}}
                - {name: settings, configMap: {name: app-settings}}
                - {name: scratch, emptyDir: {}}
                - {name: data, persistentVolumeClaim: {claimName: data-0}}
                - {name: share, nfs: {server: nfs.local, path: /exports}}
                - {name: mixed, projected: {sources: []}}
                - {name: driver, csi: {driver: secrets-store.csi.k8s.io}}
                - {name: bare}
                containers:
                - name: app
                  volumeMounts:
                  - {name: host, mountPath: /var/run/docker.sock, mountPropagation: Bidirectional}
                  - {name: creds, mountPath: /creds, readOnly: true}
                  - {name: data, mountPath: /data, mountPropagation: HostToContainer}
                  - {name: ghost, mountPath: /ghost, mountPropagation: None}
                  - {name: share, mountPath: /share, mountPropagation: bidirectional}
                """));

    assertThat(workload.volumes())
        .extracting(Volume::name, Volume::type, Volume::source)
        .containsExactly(
            tuple("host", "hostPath", "/var/run/docker.sock"),
            tuple("creds", "secret", "db-creds"),
            tuple("settings", "configMap", "app-settings"),
            tuple("scratch", "emptyDir", ""),
            tuple("data", "persistentVolumeClaim", "data-0"),
            tuple("share", "nfs", "nfs.local:/exports"),
            tuple("mixed", "projected", ""),
            tuple("driver", "csi", "secrets-store.csi.k8s.io"),
            tuple("bare", "emptyDir", ""));
    assertThat(workload.volumes().get(1).path()).hasToString("spec.volumes[1]");

    List<VolumeMount> mounts = workload.containers().getFirst().volumeMounts();
    assertThat(mounts)
        .extracting(VolumeMount::mountPath, VolumeMount::readOnly, VolumeMount::propagation)
        .containsExactly(
            tuple("/var/run/docker.sock", false, VolumeMount.Propagation.BIDIRECTIONAL),
            tuple("/creds", true, VolumeMount.Propagation.NONE),
            tuple("/data", false, VolumeMount.Propagation.HOSTTOCONTAINER),
            tuple("/ghost", false, VolumeMount.Propagation.NONE),
            tuple("/share", false, VolumeMount.Propagation.NONE));
    assertThat(mounts.get(0).volume()).isEqualTo(workload.volumes().get(0));
    assertThat(mounts.get(1).volume()).isEqualTo(workload.volumes().get(1));
    assertThat(mounts.get(3).volume()).isNull();
    assertThat(mounts.get(1).path()).hasToString("spec.containers[0].volumeMounts[1]");
  }

  /** The kubelet mounts {@code hostPath/subPath}; the mount's volume says so. */
  @Test
  void aSubPathNarrowsTheHostPathOfTheMount() {
    Workload workload =
        TestManifests.workload(
            podSpec(
                """
                volumes:
                - {name: run, hostPath: {path: /run}}
                - {name: creds, secret: {secretName: db-creds}}
                containers:
                - name: app
                  volumeMounts:
                  - {name: run, mountPath: /var/run/docker.sock, subPath: ./docker.sock}
                  - {name: run, mountPath: /run-all}
                  - {name: creds, mountPath: /creds/key, subPath: key}
                """));

    List<VolumeMount> mounts = workload.containers().getFirst().volumeMounts();
    assertThat(mounts)
        .extracting(mount -> mount.volume() == null ? null : mount.volume().source())
        .containsExactly("/run/docker.sock", "/run", "db-creds");
    assertThat(mounts.get(0).volume())
        .isNotNull()
        .satisfies(volume -> {
          assertThat(volume.name()).isEqualTo("run");
          assertThat(volume.path()).hasToString("spec.volumes[0]");
        });
    assertThat(workload.volumes().getFirst().source()).isEqualTo("/run");
  }

  @Test
  void readsProbesWithHandlerAndPort() {
    Container container =
        onlyContainer(
            """
            livenessProbe:
              httpGet: {path: /healthz, port: 8080}
            readinessProbe:
              tcpSocket: {port: http}
            startupProbe:
              exec: {command: [cat, /ready]}
            """);
    Container grpc = onlyContainer("livenessProbe: {grpc: {port: 9000}}");
    Container empty = onlyContainer("readinessProbe: {periodSeconds: 5}");

    assertThat(container.probes())
        .containsExactly(
            new Probe(
                Probe.Kind.LIVENESS,
                Probe.Handler.HTTP_GET,
                "8080",
                CONTAINER.key("livenessProbe")),
            new Probe(
                Probe.Kind.READINESS,
                Probe.Handler.TCP_SOCKET,
                "http",
                CONTAINER.key("readinessProbe")),
            new Probe(Probe.Kind.STARTUP, Probe.Handler.EXEC, null, CONTAINER.key("startupProbe")));
    assertThat(grpc.probe(Probe.Kind.LIVENESS))
        .hasValueSatisfying(probe -> assertThat(probe.port()).isEqualTo("9000"));
    assertThat(empty.probe(Probe.Kind.READINESS))
        .hasValueSatisfying(probe -> assertThat(probe.handler()).isEqualTo(Probe.Handler.NONE));
    assertThat(empty.probe(Probe.Kind.LIVENESS)).isEmpty();
  }

  @Test
  void readsResourcesAsWrittenWithoutDefaultingRequests() {
    Container limitsOnly =
        onlyContainer(
            """
            resources:
              limits: {cpu: 500m, memory: 128Mi}
            """);
    Container invalid =
        onlyContainer(
            """
            resources:
              requests: {cpu: lots, memory: [1]}
              limits: {cpu: 2}
            """);
    Container none = onlyContainer("image: app");

    assertThat(limitsOnly.resources()).isEqualTo(new Resources(null, 0.5, null, 134.217728));
    assertThat(invalid.resources()).isEqualTo(new Resources(null, 2.0, null, null));
    assertThat(none.resources()).isEqualTo(Resources.NONE);
  }

  @Test
  void parsesTheImageOfEachContainer() {
    Container container = onlyContainer("image: quay.io/org/app:1.2@sha256:abc");

    assertThat(container.image())
        .isEqualTo(
            new ImageRef(
                "quay.io/org/app:1.2@sha256:abc", "quay.io", "org/app", "1.2", "sha256:abc"));
  }

  @Test
  void treatsValuesOfTheWrongTypeAsAbsent() {
    Workload workload =
        TestManifests.workload(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: odd, namespace: [x], labels: [a]}
            spec:
              replicas: many
              template:
                metadata: [not, a, map]
                spec:
                  hostNetwork: "true"
                  serviceAccountName: {name: x}
                  nodeSelector: [a]
                  volumes: {name: x}
                  securityContext: [1]
                  containers:
                  - name: [a]
                    image: {repo: x}
                    ports: {containerPort: 80}
                    env: {name: x}
                    securityContext: {privileged: "yes", capabilities: {add: NET_ADMIN}}
                    resources: {requests: 1}
                    livenessProbe: yes
            """);

    assertThat(workload.namespace()).isEqualTo("default");
    assertThat(workload.labels()).isEmpty();
    assertThat(workload.replicas()).isEqualTo(1);
    assertThat(workload.podLabels()).isEmpty();
    assertThat(workload.hostNetwork()).isFalse();
    assertThat(workload.serviceAccountName()).isEqualTo("default");
    assertThat(workload.volumes()).isEmpty();
    Container container = workload.containers().getFirst();
    assertThat(container.name()).isEmpty();
    assertThat(container.image().fullName()).isEmpty();
    assertThat(container.ports()).isEmpty();
    assertThat(container.env()).isEmpty();
    assertThat(container.securityContext().privileged()).isNull();
    assertThat(container.securityContext().addCapabilities()).isEmpty();
    assertThat(container.resources()).isEqualTo(Resources.NONE);
    assertThat(container.probes()).isEmpty();
  }

  /** The container {@code app} of a Pod, with the given fields. */
  static Container onlyContainer(String containerBody) {
    Workload workload =
        TestManifests.workload(podSpec("containers:\n- name: app\n" + containerBody.indent(2)));
    return workload.containers().getFirst();
  }

  static String podSpec(String specBody) {
    return objectWithSpec("v1", "Pod", specBody);
  }

  static String objectWithSpec(String apiVersion, String kind, String specBody) {
    return """
    apiVersion: %s
    kind: %s
    metadata:
      name: test
    spec:
    %s\
    """
        .formatted(apiVersion, kind, specBody.stripTrailing().indent(2));
  }
}
