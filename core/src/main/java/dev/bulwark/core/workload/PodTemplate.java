package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where an object keeps its pod spec and the metadata of the pods it makes. See {@link
 * WorkloadExtractor} for the shapes.
 *
 * <p>Built-in kinds are read only at the place Kubernetes reads them: the API server drops unknown
 * fields, so a decoy {@code spec.containers} in a Deployment, or a {@code spec.template} in a
 * CronJob, never runs while the real template does. Other kinds are searched by shape.
 *
 * <p>A built-in kind's pod spec counts even when it lists no containers: such a manifest is
 * incomplete (the API server rejects it) but its pod-level settings, such as {@code hostPID}, are
 * still worth reporting, as linters do. Other kinds need a {@code containers} list, which is what
 * tells a pod spec apart from any other map.
 */
record PodTemplate(
    MapNode podSpec, FieldPath podSpecPath, MapNode podMetadata, FieldPath podMetadataPath) {
  private static final FieldPath SPEC = FieldPath.of("spec");
  private static final Set<String> TEMPLATE_KINDS =
      Set.of(
          "/ReplicationController",
          "apps/Deployment",
          "apps/ReplicaSet",
          "apps/StatefulSet",
          "apps/DaemonSet",
          "extensions/Deployment",
          "extensions/ReplicaSet",
          "extensions/DaemonSet",
          "batch/Job",
          "apps.openshift.io/DeploymentConfig");

  static @Nullable PodTemplate find(ManifestObject object) {
    MapNode spec = object.root().map("spec");
    if (spec == null) {
      return null;
    }
    String groupKind = object.group() + "/" + object.kind();
    if (TEMPLATE_KINDS.contains(groupKind)) {
      return fromTemplate(spec.map("template"), SPEC.key("template"), false);
    }
    if (groupKind.equals("batch/CronJob")) {
      return jobTemplate(spec, false);
    }
    if (groupKind.equals("/Pod") || hasContainers(spec)) {
      return new PodTemplate(spec, SPEC, object.metadata(), FieldPath.of("metadata"));
    }
    PodTemplate template = fromTemplate(spec.map("template"), SPEC.key("template"), true);
    if (template == null) {
      template = jobTemplate(spec, true);
    }
    return template != null ? template : nested(spec);
  }

  private static @Nullable PodTemplate jobTemplate(MapNode spec, boolean needsContainers) {
    MapNode jobTemplate = NodeValues.map(spec, "jobTemplate", "spec", "template");
    return fromTemplate(
        jobTemplate, SPEC.key("jobTemplate").key("spec").key("template"), needsContainers);
  }

  /** One level of operator nesting: {@code spec.X.template.spec} or {@code spec.X.spec}. */
  private static @Nullable PodTemplate nested(MapNode spec) {
    for (Map.Entry<String, MapNode.Field> entry : spec.fields().entrySet()) {
      Node value = entry.getValue().value();
      if (value instanceof MapNode child) {
        FieldPath childPath = SPEC.key(entry.getKey());
        PodTemplate template = fromTemplate(child.map("template"), childPath.key("template"), true);
        if (template == null) {
          template = fromTemplate(child, childPath, true);
        }
        if (template != null) {
          return template;
        }
      }
    }
    return null;
  }

  /**
   * A pod template ({@code metadata} and {@code spec}) whose spec lists containers, or any spec map
   * when {@code needsContainers} is false.
   */
  private static @Nullable PodTemplate fromTemplate(
      @Nullable MapNode template, FieldPath path, boolean needsContainers) {
    MapNode podSpec = template == null ? null : template.map("spec");
    if (template == null || podSpec == null || (needsContainers && !hasContainers(podSpec))) {
      return null;
    }
    MapNode metadata = template.map("metadata");
    return new PodTemplate(
        podSpec,
        path.key("spec"),
        metadata != null ? metadata : MapNode.empty(template.position()),
        path.key("metadata"));
  }

  private static boolean hasContainers(MapNode podSpec) {
    return podSpec.get("containers") instanceof ListNode;
  }
}
