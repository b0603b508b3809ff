package dev.bulwark.policy.check;

import dev.bulwark.core.context.PodOwner;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.workload.Workload;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Objects that run pods, including incomplete built-in ones without a pod template (a Deployment
 * that only sets {@code replicas}, say), which object-level checks still judge by their kind.
 */
final class PodOwners {
  private static final Set<String> REPLICATED =
      Set.of(
          "/ReplicationController",
          "apps/Deployment",
          "apps/ReplicaSet",
          "apps/StatefulSet",
          "extensions/Deployment",
          "extensions/ReplicaSet",
          "apps.openshift.io/DeploymentConfig");

  private PodOwners() {}

  /** True for workloads and for objects of a built-in kind that runs pods. */
  static boolean runsPods(ManifestObject object, @Nullable Workload workload) {
    return workload != null || PodOwner.builtInTemplatePath(object) != null;
  }

  /**
   * Path of the pod template ({@code metadata} and {@code spec}); the object root for a Pod; null
   * when the object runs no pods.
   */
  static @Nullable FieldPath templatePath(ManifestObject object, @Nullable Workload workload) {
    if (workload != null) {
      FieldPath spec = workload.podSpecPath();
      return spec.segments().size() == 1 ? FieldPath.ROOT : parent(spec);
    }
    return PodOwner.builtInTemplatePath(object);
  }

  /** Path of the pod spec, or null when the object runs no pods. */
  static @Nullable FieldPath specPath(ManifestObject object, @Nullable Workload workload) {
    if (workload != null) {
      return workload.podSpecPath();
    }
    FieldPath template = PodOwner.builtInTemplatePath(object);
    return template == null ? null : template.key("spec");
  }

  /** The pod spec as written; empty when absent; null when the object runs no pods. */
  static @Nullable MapNode spec(ManifestObject object, @Nullable Workload workload) {
    FieldPath path = specPath(object, workload);
    if (path == null) {
      return null;
    }
    MapNode spec = ManifestFields.map(object.root(), path);
    return spec != null ? spec : MapNode.empty(object.root().position());
  }

  /**
   * The declared replicas, 1 for a replicated built-in kind that does not say; null for kinds
   * without replicas.
   */
  static @Nullable Integer replicas(ManifestObject object, @Nullable Workload workload) {
    if (workload != null) {
      return workload.replicas();
    }
    String groupKind = groupKind(object);
    if (!REPLICATED.contains(groupKind)) {
      return null;
    }
    MapNode spec = object.root().map("spec");
    Long declared = spec == null ? null : spec.integer("replicas");
    return declared == null ? 1 : (int) Math.min(Integer.MAX_VALUE, declared);
  }

  /** The labels of the pods the object makes; empty when it makes none. */
  static Map<String, String> podLabels(ManifestObject object, @Nullable Workload workload) {
    if (workload != null) {
      return workload.podLabels();
    }
    FieldPath template = templatePath(object, null);
    MapNode metadata =
        template == null ? null : ManifestFields.map(object.root(), template.key("metadata"));
    return metadata == null ? Map.of() : metadata.stringMap("labels");
  }

  private static String groupKind(ManifestObject object) {
    return object.group() + "/" + object.kind();
  }

  private static FieldPath parent(FieldPath path) {
    FieldPath parent = FieldPath.ROOT;
    for (Object segment : path.segments().subList(0, path.segments().size() - 1)) {
      parent =
          segment instanceof Integer index ? parent.index(index) : parent.key((String) segment);
    }
    return parent;
  }
}
