package dev.bulwark.sensor.enforcement;

import dev.bulwark.sensor.enforcement.PlannedAction.Operation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON merge patches enforcement sends, and how to tell that one is in force already. Each
 * patch changes the workload and annotates it in one request, carrying the resource version it was
 * computed from so that a concurrent change makes it fail (409) instead of losing that change.
 */
final class EnforcementPatches {
  /** The id of the policy that had the workload changed. */
  static final String ENFORCED_BY = "bulwark.dev/enforced-by";

  /** The enforcement action that changed it. */
  static final String ACTION = "bulwark.dev/enforcement-action";

  /** When (RFC 3339). */
  static final String ENFORCED_AT = "bulwark.dev/enforced-at";

  /** The replica count before scaling to zero: what to set to restore it. */
  static final String ORIGINAL_REPLICAS = "bulwark.dev/original-replicas";

  /** A CronJob's {@code spec.suspend} before it was suspended. */
  static final String ORIGINAL_SUSPEND = "bulwark.dev/original-suspend";

  private EnforcementPatches() {}

  /** Whether {@code workload} already is as {@code operation} would leave it. */
  static boolean inForce(
      Operation operation, WorkloadKind kind, GenericKubernetesResource workload, String policyId) {
    return switch (operation) {
      case SCALE_TO_ZERO -> replicas(workload) == 0;
      case SUSPEND -> Boolean.TRUE.equals(workload.get("spec", "suspend"));
      case NODE_CONSTRAINT ->
          NodeConstraint.value(policyId)
              .equals(nodeSelector(kind, workload).get(NodeConstraint.KEY));
      case NOT_APPLICABLE -> true;
    };
  }

  /** The merge patch that applies {@code operation}, as a JSON-ready map. */
  static Map<String, Object> patch(
      Operation operation,
      WorkloadKind kind,
      GenericKubernetesResource workload,
      String policyId,
      String action,
      Instant at) {
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(ENFORCED_BY, policyId);
    annotations.put(ACTION, action);
    annotations.put(ENFORCED_AT, at.toString());
    Map<String, Object> spec = new LinkedHashMap<>();
    switch (operation) {
      case SCALE_TO_ZERO -> {
        annotations.put(ORIGINAL_REPLICAS, Integer.toString(replicas(workload)));
        spec.put("replicas", 0);
      }
      case SUSPEND -> {
        annotations.put(
            ORIGINAL_SUSPEND,
            Boolean.toString(Boolean.TRUE.equals(workload.get("spec", "suspend"))));
        spec.put("suspend", true);
      }
      case NODE_CONSTRAINT -> {
        Map<String, Object> selector =
            Map.of("nodeSelector", Map.of(NodeConstraint.KEY, NodeConstraint.value(policyId)));
        spec =
            nested(
                kind.podTemplate().subList(1, kind.podTemplate().size()), Map.of("spec", selector));
      }
      case NOT_APPLICABLE -> throw new IllegalArgumentException("nothing to patch");
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("annotations", annotations);
    String resourceVersion = workload.getMetadata().getResourceVersion();
    if (resourceVersion != null) {
      metadata.put("resourceVersion", resourceVersion);
    }
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("metadata", metadata);
    patch.put("spec", spec);
    return patch;
  }

  /** What {@code operation} did (or would do) to {@code workload}, for the record. */
  static String describe(
      Operation operation, WorkloadKind kind, GenericKubernetesResource workload, String policyId) {
    String subject = kind.kind() + " " + workload.getMetadata().getName();
    return switch (operation) {
      case SCALE_TO_ZERO -> "scaled " + subject + " from " + replicas(workload) + " to 0 replicas";
      case SUSPEND -> "suspended " + subject + " (spec.suspend=true)";
      case NODE_CONSTRAINT ->
          "added the node selector "
              + NodeConstraint.KEY
              + "="
              + NodeConstraint.value(policyId)
              + " to the pod template of "
              + subject
              + "; no node has it, so new pods stay Pending";
      case NOT_APPLICABLE -> "nothing to do for " + subject;
    };
  }

  /** {@code spec.replicas}; absent means the API default of 1. */
  static int replicas(GenericKubernetesResource workload) {
    Object replicas = workload.get("spec", "replicas");
    return replicas instanceof Number number ? number.intValue() : 1;
  }

  private static Map<String, Object> nodeSelector(
      WorkloadKind kind, GenericKubernetesResource workload) {
    Object[] path = new Object[kind.podTemplate().size() + 2];
    for (int index = 0; index < kind.podTemplate().size(); index++) {
      path[index] = kind.podTemplate().get(index);
    }
    path[path.length - 2] = "spec";
    path[path.length - 1] = "nodeSelector";
    @Nullable Object selector = workload.get(path);
    if (selector instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(String.valueOf(key), value));
      return copy;
    }
    return Map.of();
  }

  /** {@code leaf} under the keys of {@code path}, outermost first. */
  private static Map<String, Object> nested(List<String> path, Map<String, Object> leaf) {
    Map<String, Object> current = leaf;
    for (int index = path.size() - 1; index >= 0; index--) {
      current = Map.of(path.get(index), current);
    }
    return current;
  }
}
