package dev.bulwark.core.context;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.workload.Workload;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An object that makes pods, as other objects refer to it: Services and NetworkPolicies select its
 * pods by label, autoscalers and PodDisruptionBudgets reckon with its replicas. Immutable.
 *
 * <p>Every workload is a pod owner. So is a built-in controller (Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, ReplicationController, Job, CronJob, OpenShift DeploymentConfig) that is
 * too incomplete to be a workload (a template without a pod spec, or no template at all): whoever
 * wrote a Service or a PodDisruptionBudget for its labels meant it, so references to it are not
 * dangling.
 *
 * <p>An index keeps one of these per workload, so the factory shares what repeats across objects:
 * group, kind, namespace and label keys are interned, common pod spec paths are constants.
 *
 * @param group API group, "" for the core group
 * @param namespace {@code metadata.namespace}, {@code default} when unset
 * @param podLabels labels of the pods it makes: the pod template's, over the labels its selector
 *     requires (for a valid object they agree; an object without a template still has them)
 * @param replicas as in {@link Workload#replicas()}: null when the kind has no replica count
 * @param serviceAccountName the pod's service account, {@code default} when unset
 * @param podSpecPath where the pod spec is (or would be) in the object
 */
public record PodOwner(
    String group,
    String kind,
    String name,
    String namespace,
    Map<String, String> podLabels,
    @Nullable Integer replicas,
    String serviceAccountName,
    FieldPath podSpecPath) {
  private static final FieldPath TEMPLATE = FieldPath.of("spec", "template");
  private static final FieldPath JOB_TEMPLATE =
      FieldPath.of("spec", "jobTemplate", "spec", "template");
  private static final Map<String, FieldPath> CONTROLLER_TEMPLATES =
      Map.ofEntries(
          Map.entry("apps/Deployment", TEMPLATE),
          Map.entry("apps/ReplicaSet", TEMPLATE),
          Map.entry("apps/StatefulSet", TEMPLATE),
          Map.entry("apps/DaemonSet", TEMPLATE),
          Map.entry("extensions/Deployment", TEMPLATE),
          Map.entry("extensions/ReplicaSet", TEMPLATE),
          Map.entry("extensions/DaemonSet", TEMPLATE),
          Map.entry("/ReplicationController", TEMPLATE),
          Map.entry("batch/Job", TEMPLATE),
          Map.entry("apps.openshift.io/DeploymentConfig", TEMPLATE),
          Map.entry("batch/CronJob", JOB_TEMPLATE));
  private static final Set<String> CONTROLLER_KINDS =
      Set.of(
          "Deployment",
          "ReplicaSet",
          "StatefulSet",
          "DaemonSet",
          "ReplicationController",
          "Job",
          "CronJob",
          "DeploymentConfig");
  private static final List<FieldPath> COMMON_POD_SPEC_PATHS =
      List.of(TEMPLATE.key("spec"), FieldPath.of("spec"), JOB_TEMPLATE.key("spec"));
  // The workload extractor applies the same default to these kinds (see Workload#replicas).
  private static final Set<String> DEFAULT_ONE_REPLICA =
      Set.of(
          "Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "DeploymentConfig");

  public PodOwner {
    podLabels = Map.copyOf(podLabels);
  }

  /**
   * The pod owner view of an object, given its workload view when it has one; empty when the object
   * makes no pods.
   */
  public static Optional<PodOwner> of(ManifestObject object, @Nullable Workload workload) {
    if (workload != null) {
      return Optional.of(
          new PodOwner(
              object.group().intern(),
              workload.kind().intern(),
              workload.name(),
              workload.namespace().intern(),
              withSelectorLabels(selectorOf(object, workload.podSpecPath()), workload.podLabels()),
              workload.replicas(),
              workload.serviceAccountName(),
              shared(workload.podSpecPath())));
    }
    if (!CONTROLLER_KINDS.contains(object.kind())) {
      return Optional.empty();
    }
    FieldPath template = CONTROLLER_TEMPLATES.get(object.group() + "/" + object.kind());
    return template == null ? Optional.empty() : Optional.of(controller(object, template));
  }

  /**
   * Where a built-in kind that runs pods keeps its pod template ({@code metadata} and {@code
   * spec}): the root for a Pod; null for other kinds, custom resources included.
   */
  public static @Nullable FieldPath builtInTemplatePath(ManifestObject object) {
    if (object.kind().equals("Pod") && object.group().isEmpty()) {
      return FieldPath.ROOT;
    }
    return CONTROLLER_TEMPLATES.get(object.group() + "/" + object.kind());
  }

  /** A built-in controller read without the workload view: its template may list no containers. */
  private static PodOwner controller(ManifestObject object, FieldPath templatePath) {
    MapNode template = map(object.root(), templatePath, templatePath.segments().size());
    MapNode metadata = template == null ? null : template.map("metadata");
    MapNode podSpec = template == null ? null : template.map("spec");
    String serviceAccount = ContextValues.text(podSpec, "serviceAccountName");
    if (serviceAccount == null) {
      serviceAccount = ContextValues.text(podSpec, "serviceAccount");
    }
    MapNode spec = object.root().map("spec");
    Integer replicas = ContextValues.integer(spec, "replicas");
    if (replicas == null && DEFAULT_ONE_REPLICA.contains(object.kind())) {
      replicas = 1;
    }
    return new PodOwner(
        object.group().intern(),
        object.kind().intern(),
        object.name(),
        object.namespaceOrDefault().intern(),
        withSelectorLabels(
            selectorOf(object, templatePath.key("spec")),
            metadata == null ? Map.of() : metadata.stringMap("labels")),
        replicas,
        serviceAccount == null ? "default" : serviceAccount,
        shared(templatePath.key("spec")));
  }

  /**
   * The selector beside the pod template ({@code spec.selector}, or {@code
   * spec.jobTemplate.spec.selector}): a label selector's {@code matchLabels}, or a plain label map
   * as ReplicationControllers and DeploymentConfigs write it.
   */
  private static Map<String, String> selectorOf(ManifestObject object, FieldPath podSpecPath) {
    // The pod spec is at <owner>.template.spec; a bare Pod's spec has no owner above it.
    MapNode owner = map(object.root(), podSpecPath, podSpecPath.segments().size() - 2);
    MapNode selector = owner == null ? null : owner.map("selector");
    if (selector == null) {
      return Map.of();
    }
    if (selector.has("matchLabels") || selector.has("matchExpressions")) {
      return selector.stringMap("matchLabels");
    }
    Map<String, String> labels = new HashMap<>();
    selector
        .fields()
        .forEach((key, field) -> {
          String value = selector.string(key);
          if (value != null) {
            labels.put(key, value);
          }
        });
    return labels;
  }

  private static Map<String, String> withSelectorLabels(
      Map<String, String> selectorLabels, Map<String, String> templateLabels) {
    Map<String, String> labels = new HashMap<>(selectorLabels);
    labels.putAll(templateLabels);
    Map<String, String> interned = new HashMap<>(labels.size());
    labels.forEach((key, value) -> interned.put(key.intern(), value));
    return interned;
  }

  private static FieldPath shared(FieldPath podSpecPath) {
    for (FieldPath common : COMMON_POD_SPEC_PATHS) {
      if (common.equals(podSpecPath)) {
        return common;
      }
    }
    return podSpecPath;
  }

  /** The map at the first {@code length} keys of the path; null when missing or not a map. */
  private static @Nullable MapNode map(MapNode root, FieldPath path, int length) {
    if (length < 1) {
      return null;
    }
    MapNode current = root;
    for (int i = 0; i < length; i++) {
      if (!(path.segments().get(i) instanceof String key)) {
        return null;
      }
      current = current.map(key);
      if (current == null) {
        return null;
      }
    }
    return current;
  }
}
