package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link Workload} view of an object. Pure and thread-safe; never throws on odd input:
 * values of the wrong type count as absent.
 *
 * <p>The pod spec is found by shape, not by a list of kinds. The first of these that holds a {@code
 * containers} list wins:
 *
 * <ol>
 *   <li>{@code spec} itself: a bare Pod, or any kind whose spec is a pod spec;
 *   <li>{@code spec.template.spec}: Deployment, ReplicaSet, ReplicationController, StatefulSet,
 *       DaemonSet, Job, OpenShift DeploymentConfig, Argo Rollout, Knative Service, and any custom
 *       resource with a pod template;
 *   <li>{@code spec.jobTemplate.spec.template.spec}: CronJob and look-alikes;
 *   <li>one level of operator nesting, for the first key X of {@code spec} (in source order) that
 *       fits: {@code spec.X.template.spec} (e.g. Ray's {@code headGroupSpec}) or {@code
 *       spec.X.spec} (a full pod template, e.g. Flink's {@code podTemplate}).
 * </ol>
 *
 * <p>Built-in kinds (Pod, Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet,
 * Job and CronJob of their Kubernetes API groups, and OpenShift's DeploymentConfig) are read at
 * their one real place only, since the API server drops any other pod spec written into them; a
 * decoy cannot hide the real template. Their pod spec needs no {@code containers} list: an
 * incomplete manifest still has pod-level settings worth checking.
 *
 * <p>Pod templates inside lists (one per replica group, say) are not searched. Pod labels and
 * annotations come from the template's {@code metadata}, or from the object's for the first shape.
 *
 * <p>Values are taken from the spec as written, without the API server's defaulting: in particular
 * resource requests are not defaulted to limits. The only defaults applied are those that change
 * what runs: namespace {@code default}, service account {@code default}, automount true, replicas 1
 * for replicated kinds (see {@link Workload}), port protocol TCP (see {@link ContainerPort}) and a
 * volume without a source being an {@code emptyDir} (see {@link Volume}). A container that mounts a
 * projected volume with a {@code serviceAccountToken} source holds an API token whatever {@code
 * automountServiceAccountToken} says, so the pod then counts as setting automount to true.
 */
public final class WorkloadExtractor {
  private static final Set<String> KINDS_WITH_DEFAULT_REPLICAS =
      Set.of(
          "Deployment",
          "StatefulSet",
          "ReplicaSet",
          "ReplicationController",
          "DeploymentConfig",
          "Rollout");
  private static final Set<String> KINDS_WITHOUT_REPLICAS =
      Set.of("Pod", "DaemonSet", "Job", "CronJob");

  private WorkloadExtractor() {}

  /** The workload view, or empty when the object embeds no pod spec. */
  public static Optional<Workload> extract(ManifestObject object) {
    PodTemplate template = PodTemplate.find(object);
    if (template == null) {
      return Optional.empty();
    }
    MapNode podSpec = template.podSpec();
    FieldPath specPath = template.podSpecPath();
    Map<String, String> podAnnotations = template.podMetadata().stringMap("annotations");
    List<Volume> volumes = Volumes.read(podSpec, specPath);
    ContainerReader containers =
        new ContainerReader(
            byName(volumes),
            new SecurityContextResolver(
                podSpec, specPath, podAnnotations, template.podMetadataPath()));
    List<Container> podContainers = readContainers(containers, podSpec, specPath);
    Boolean automount = podSpec.bool("automountServiceAccountToken");
    if (mountsServiceAccountToken(podSpec, podContainers)) {
      automount = Boolean.TRUE;
    }
    return Optional.of(
        new Workload(
            object,
            object.kind(),
            object.name(),
            object.namespaceOrDefault(),
            object.labels(),
            object.annotations(),
            template.podMetadata().stringMap("labels"),
            podAnnotations,
            specPath,
            replicas(object),
            NodeValues.isTrue(podSpec, "hostNetwork"),
            NodeValues.isTrue(podSpec, "hostPID"),
            NodeValues.isTrue(podSpec, "hostIPC"),
            serviceAccountName(podSpec),
            !Boolean.FALSE.equals(automount),
            automount,
            NodeValues.text(podSpec, "runtimeClassName"),
            volumes,
            podContainers,
            podSpec.stringMap("nodeSelector"),
            sysctls(podSpec)));
  }

  private static List<Container> readContainers(
      ContainerReader reader, MapNode podSpec, FieldPath specPath) {
    List<Container> out = new ArrayList<>();
    addContainers(out, reader, podSpec, specPath, "initContainers", ContainerType.INIT);
    addContainers(out, reader, podSpec, specPath, "containers", ContainerType.REGULAR);
    addContainers(out, reader, podSpec, specPath, "ephemeralContainers", ContainerType.EPHEMERAL);
    return out;
  }

  private static void addContainers(
      List<Container> out,
      ContainerReader reader,
      MapNode podSpec,
      FieldPath specPath,
      String key,
      ContainerType type) {
    List<Node> items = podSpec.list(key);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof MapNode container) {
        out.add(reader.read(container, type, specPath.key(key).index(i)));
      }
    }
  }

  /**
   * Whether a container mounts a projected volume with a service account token: that hands it an
   * API token even when automounting is disabled, so it counts as automounting.
   */
  private static boolean mountsServiceAccountToken(MapNode podSpec, List<Container> containers) {
    Set<String> tokenVolumes = Volumes.serviceAccountTokenVolumes(podSpec);
    if (tokenVolumes.isEmpty()) {
      return false;
    }
    for (Container container : containers) {
      for (VolumeMount mount : container.volumeMounts()) {
        if (tokenVolumes.contains(mount.name())) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<String, Volume> byName(List<Volume> volumes) {
    Map<String, Volume> out = new HashMap<>();
    for (Volume volume : volumes) {
      out.putIfAbsent(volume.name(), volume);
    }
    return out;
  }

  private static @Nullable Integer replicas(ManifestObject object) {
    String kind = object.kind();
    if (KINDS_WITHOUT_REPLICAS.contains(kind)) {
      return null;
    }
    Integer declared = NodeValues.integer(object.root().map("spec"), "replicas");
    if (declared == null && KINDS_WITH_DEFAULT_REPLICAS.contains(kind)) {
      return 1;
    }
    return declared;
  }

  private static String serviceAccountName(MapNode podSpec) {
    String name = NodeValues.text(podSpec, "serviceAccountName");
    if (name == null) {
      name = NodeValues.text(podSpec, "serviceAccount");
    }
    return name == null ? "default" : name;
  }

  private static List<String> sysctls(MapNode podSpec) {
    MapNode securityContext = podSpec.map("securityContext");
    if (securityContext == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (Node item : securityContext.list("sysctls")) {
      String name = item instanceof MapNode sysctl ? NodeValues.text(sysctl, "name") : null;
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }
}
