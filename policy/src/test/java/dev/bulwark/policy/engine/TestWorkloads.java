package dev.bulwark.policy.engine;

import dev.bulwark.core.context.ExposedPort;
import dev.bulwark.core.context.PortExposure;
import dev.bulwark.core.context.RbacLevel;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ContainerPort;
import dev.bulwark.core.workload.ContainerType;
import dev.bulwark.core.workload.EnvVar;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.core.workload.Probe;
import dev.bulwark.core.workload.Resources;
import dev.bulwark.core.workload.SecurityContext;
import dev.bulwark.core.workload.Volume;
import dev.bulwark.core.workload.VolumeMount;
import dev.bulwark.core.workload.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Test builders for workloads, containers and contexts, with harmless defaults. */
public final class TestWorkloads {
  public static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  public static final String CLUSTER = "prod-eu";
  public static final FieldPath POD_SPEC = FieldPath.of("spec", "template", "spec");

  private TestWorkloads() {}

  public static WorkloadBuilder workload() {
    return new WorkloadBuilder();
  }

  public static ContainerBuilder container(String name) {
    return new ContainerBuilder(name);
  }

  public static ContextBuilder context() {
    return new ContextBuilder();
  }

  /** A simplified image reference parser with Docker Hub defaults. */
  public static ImageRef image(String reference) {
    String rest = reference;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    String registry = "docker.io";
    int slash = rest.indexOf('/');
    if (slash > 0 && (rest.substring(0, slash).contains(".") || rest.startsWith("localhost"))) {
      registry = rest.substring(0, slash);
      rest = rest.substring(slash + 1);
    }
    if (registry.equals("docker.io") && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    return new ImageRef(reference, registry, rest, tag, digest);
  }

  public static EvaluationInput input(Workload workload) {
    return input(workload, context().automount(workload.automountServiceAccountToken()).build());
  }

  public static EvaluationInput input(Workload workload, WorkloadContext context) {
    return input(workload, context, ImageDataProvider.NONE);
  }

  public static EvaluationInput input(
      Workload workload, WorkloadContext context, ImageDataProvider images) {
    return new EvaluationInput(workload.object(), workload, context, images, CLUSTER, NOW);
  }

  public static EvaluationInput input(Workload workload, ImageDataProvider images) {
    return input(
        workload, context().automount(workload.automountServiceAccountToken()).build(), images);
  }

  /** Builds a workload whose object is generated YAML unless one is given. */
  public static final class WorkloadBuilder {
    private String kind = "Deployment";
    private String name = "web";
    private String namespace = "prod";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private @Nullable Integer replicas = 3;
    private boolean hostNetwork;
    private boolean hostPid;
    private boolean hostIpc;
    private String serviceAccount = "default";
    private boolean automount = true;
    private @Nullable String runtimeClass;
    private final List<Volume> volumes = new ArrayList<>();
    private final List<ContainerBuilder> containers = new ArrayList<>();
    private @Nullable ManifestObject object;

    public WorkloadBuilder kind(String value) {
      kind = value;
      return this;
    }

    public WorkloadBuilder name(String value) {
      name = value;
      return this;
    }

    public WorkloadBuilder namespace(String value) {
      namespace = value;
      return this;
    }

    public WorkloadBuilder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public WorkloadBuilder annotation(String key, String value) {
      annotations.put(key, value);
      return this;
    }

    public WorkloadBuilder replicas(@Nullable Integer value) {
      replicas = value;
      return this;
    }

    public WorkloadBuilder hostNetwork(boolean value) {
      hostNetwork = value;
      return this;
    }

    public WorkloadBuilder hostPid(boolean value) {
      hostPid = value;
      return this;
    }

    public WorkloadBuilder hostIpc(boolean value) {
      hostIpc = value;
      return this;
    }

    public WorkloadBuilder serviceAccount(String value) {
      serviceAccount = value;
      return this;
    }

    public WorkloadBuilder automount(boolean value) {
      automount = value;
      return this;
    }

    public WorkloadBuilder runtimeClass(@Nullable String value) {
      runtimeClass = value;
      return this;
    }

    public WorkloadBuilder volume(String volumeName, String type, String source) {
      volumes.add(
          new Volume(volumeName, type, source, POD_SPEC.key("volumes").index(volumes.size())));
      return this;
    }

    public WorkloadBuilder container(ContainerBuilder container) {
      containers.add(container);
      return this;
    }

    public WorkloadBuilder object(ManifestObject value) {
      object = value;
      return this;
    }

    public Workload build() {
      Map<String, Volume> byName = new HashMap<>();
      volumes.forEach(volume -> byName.put(volume.name(), volume));
      List<Container> built = new ArrayList<>();
      Map<ContainerType, Integer> indexes = new HashMap<>();
      for (ContainerBuilder container : containers) {
        int index = indexes.merge(container.type, 1, Integer::sum) - 1;
        String list =
            switch (container.type) {
              case REGULAR -> "containers";
              case INIT -> "initContainers";
              case EPHEMERAL -> "ephemeralContainers";
            };
        built.add(container.build(POD_SPEC.key(list).index(index), byName));
      }
      ManifestObject manifest = object != null ? object : generatedObject();
      return new Workload(
          manifest,
          kind,
          name,
          namespace,
          labels,
          annotations,
          labels,
          Map.of(),
          POD_SPEC,
          replicas,
          hostNetwork,
          hostPid,
          hostIpc,
          serviceAccount,
          automount,
          runtimeClass,
          volumes,
          built,
          Map.of(),
          List.of());
    }

    private ManifestObject generatedObject() {
      StringBuilder yaml = new StringBuilder();
      yaml.append("apiVersion: apps/v1\nkind: ").append(kind).append('\n');
      yaml.append("metadata:\n  name: ").append(name).append("\n  namespace: ").append(namespace);
      yaml.append('\n');
      appendMap(yaml, "labels", labels);
      appendMap(yaml, "annotations", annotations);
      yaml.append("spec:\n  template:\n    spec:\n      containers: []\n");
      return TestYaml.object(yaml.toString());
    }

    private static void appendMap(StringBuilder yaml, String key, Map<String, String> entries) {
      if (entries.isEmpty()) {
        return;
      }
      yaml.append("  ").append(key).append(":\n");
      entries.forEach(
          (k, v) -> yaml.append("    \"").append(k).append("\": \"").append(v).append("\"\n"));
    }
  }

  /** Builds a container; paths follow its position in the pod spec. */
  public static final class ContainerBuilder {
    private final String name;
    private ContainerType type = ContainerType.REGULAR;
    private String image = "registry.example.com/shop/web:1.4.2";
    private @Nullable Boolean privileged;
    private @Nullable Boolean allowPrivilegeEscalation;
    private @Nullable Boolean readOnlyRootFilesystem;
    private List<String> add = List.of();
    private List<String> drop = List.of();
    private @Nullable String seccomp;
    private @Nullable String appArmor;
    private Resources resources = Resources.NONE;
    private final List<int[]> ports = new ArrayList<>();
    private final List<String> protocols = new ArrayList<>();
    private final List<EnvVar> env = new ArrayList<>();
    private final List<Object[]> mounts = new ArrayList<>();
    private final List<Probe.Kind> probes = new ArrayList<>();

    private ContainerBuilder(String name) {
      this.name = name;
    }

    public ContainerBuilder type(ContainerType value) {
      type = value;
      return this;
    }

    public ContainerBuilder image(String value) {
      image = value;
      return this;
    }

    public ContainerBuilder privileged(@Nullable Boolean value) {
      privileged = value;
      return this;
    }

    public ContainerBuilder allowPrivilegeEscalation(@Nullable Boolean value) {
      allowPrivilegeEscalation = value;
      return this;
    }

    public ContainerBuilder readOnlyRootFilesystem(@Nullable Boolean value) {
      readOnlyRootFilesystem = value;
      return this;
    }

    public ContainerBuilder add(String... capabilities) {
      add = List.of(capabilities);
      return this;
    }

    public ContainerBuilder drop(String... capabilities) {
      drop = List.of(capabilities);
      return this;
    }

    public ContainerBuilder seccomp(@Nullable String value) {
      seccomp = value;
      return this;
    }

    public ContainerBuilder appArmor(@Nullable String value) {
      appArmor = value;
      return this;
    }

    public ContainerBuilder resources(
        @Nullable Double cpuRequest,
        @Nullable Double cpuLimit,
        @Nullable Double memoryRequest,
        @Nullable Double memoryLimit) {
      resources = new Resources(cpuRequest, cpuLimit, memoryRequest, memoryLimit);
      return this;
    }

    public ContainerBuilder port(int containerPort, String protocol) {
      return port(containerPort, protocol, 0);
    }

    public ContainerBuilder port(int containerPort, String protocol, int hostPort) {
      ports.add(new int[] {containerPort, hostPort});
      protocols.add(protocol);
      return this;
    }

    public ContainerBuilder env(String variable, String value, EnvVar.Source source) {
      env.add(new EnvVar(variable, value, source, FieldPath.ROOT));
      return this;
    }

    public ContainerBuilder mount(String volume, String mountPath, boolean readOnly) {
      return mount(volume, mountPath, readOnly, VolumeMount.Propagation.NONE);
    }

    public ContainerBuilder mount(
        String volume, String mountPath, boolean readOnly, VolumeMount.Propagation propagation) {
      mounts.add(new Object[] {volume, mountPath, readOnly, propagation});
      return this;
    }

    public ContainerBuilder probe(Probe.Kind kind) {
      probes.add(kind);
      return this;
    }

    Container build(FieldPath path, Map<String, Volume> volumes) {
      Map<String, FieldPath> sources = new HashMap<>();
      FieldPath security = path.key("securityContext");
      if (privileged != null) {
        sources.put("privileged", security.key("privileged"));
      }
      if (allowPrivilegeEscalation != null) {
        sources.put("allowPrivilegeEscalation", security.key("allowPrivilegeEscalation"));
      }
      if (readOnlyRootFilesystem != null) {
        sources.put("readOnlyRootFilesystem", security.key("readOnlyRootFilesystem"));
      }
      SecurityContext context =
          new SecurityContext(
              privileged,
              allowPrivilegeEscalation,
              readOnlyRootFilesystem,
              null,
              null,
              null,
              add,
              drop,
              seccomp,
              appArmor,
              null,
              sources);
      List<ContainerPort> builtPorts = new ArrayList<>();
      for (int i = 0; i < ports.size(); i++) {
        builtPorts.add(
            new ContainerPort(
                null,
                ports.get(i)[0],
                ports.get(i)[1],
                protocols.get(i),
                path.key("ports").index(i)));
      }
      List<EnvVar> builtEnv = new ArrayList<>();
      for (int i = 0; i < env.size(); i++) {
        EnvVar variable = env.get(i);
        builtEnv.add(
            new EnvVar(
                variable.name(), variable.value(), variable.source(), path.key("env").index(i)));
      }
      List<VolumeMount> builtMounts = new ArrayList<>();
      for (int i = 0; i < mounts.size(); i++) {
        Object[] mount = mounts.get(i);
        builtMounts.add(
            new VolumeMount(
                (String) mount[0],
                (String) mount[1],
                (Boolean) mount[2],
                (VolumeMount.Propagation) mount[3],
                volumes.get((String) mount[0]),
                path.key("volumeMounts").index(i)));
      }
      List<Probe> builtProbes = new ArrayList<>();
      for (Probe.Kind kind : probes) {
        String key = kind.name().toLowerCase(java.util.Locale.ROOT) + "Probe";
        builtProbes.add(new Probe(kind, Probe.Handler.HTTP_GET, "8080", path.key(key)));
      }
      return new Container(
          name,
          type,
          TestWorkloads.image(image),
          context,
          resources,
          builtPorts,
          builtEnv,
          builtMounts,
          builtProbes,
          null,
          path);
    }
  }

  /** Builds a workload context: nothing exposed, no network policies, default RBAC. */
  public static final class ContextBuilder {
    private final List<ExposedPort> exposedPorts = new ArrayList<>();
    private boolean ingress;
    private boolean egress;
    private RbacLevel rbac = RbacLevel.DEFAULT;
    private final Map<String, String> namespaceLabels = new LinkedHashMap<>();
    private boolean automount = true;

    public ContextBuilder exposed(
        int port, String protocol, PortExposure exposure, int nodePort, @Nullable String via) {
      exposedPorts.add(new ExposedPort(port, protocol, exposure, nodePort, via));
      return this;
    }

    public ContextBuilder ingress(boolean value) {
      ingress = value;
      return this;
    }

    public ContextBuilder egress(boolean value) {
      egress = value;
      return this;
    }

    public ContextBuilder rbac(RbacLevel value) {
      rbac = value;
      return this;
    }

    public ContextBuilder namespaceLabel(String key, String value) {
      namespaceLabels.put(key, value);
      return this;
    }

    public ContextBuilder automount(boolean value) {
      automount = value;
      return this;
    }

    public WorkloadContext build() {
      return new WorkloadContext(
          exposedPorts, ingress, egress, rbac, namespaceLabels, false, automount);
    }
  }
}
