package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A controller whose selector does not select the pods of its own template: the API server rejects
 * it, or, for kinds it does not validate, the controller never counts its pods and keeps creating
 * more. Deployments, ReplicaSets, StatefulSets and DaemonSets must have a selector; Jobs and
 * CronJobs may leave it to Kubernetes.
 */
final class SelectorMismatchCheck implements NativeCheck {
  private static final FieldPath SELECTOR = FieldPath.of("spec", "selector");
  private static final FieldPath CRON_JOB_SELECTOR =
      FieldPath.of("spec", "jobTemplate", "spec", "selector");

  @Override
  public String id() {
    return "selector-mismatch";
  }

  @Override
  public String summary() {
    return "The workload's selector does not match the labels of its pod template, or an apps/v1"
        + " workload has no selector.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of();
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          FieldPath path = selectorPath(object);
          if (path == null) {
            return;
          }
          MapNode selector = selector(object, path);
          String subject = object.kind() + " \"" + object.name() + "\" ";
          if (selector == null || LabelSelectors.isEmpty(selector)) {
            if (object.group().equals("apps")) {
              findings.violation(subject + "has no selector", FieldPath.of("spec"));
            }
            return;
          }
          Map<String, String> podLabels = PodOwners.podLabels(object, workload);
          if (!LabelSelectors.matches(selector, podLabels)) {
            findings.violation(
                subject
                    + "selects pods by "
                    + LabelSelectors.describe(selector)
                    + " but its pod template has labels "
                    + LabelSelectors.describe(podLabels),
                path);
          }
        };
  }

  /** Where the kind keeps its selector; null for kinds without one or unknown to Kubernetes. */
  private static @Nullable FieldPath selectorPath(ManifestObject object) {
    String groupKind = object.group() + "/" + object.kind();
    return switch (groupKind) {
      case "apps/Deployment",
          "apps/ReplicaSet",
          "apps/StatefulSet",
          "apps/DaemonSet",
          "batch/Job",
          "/ReplicationController",
          "apps.openshift.io/DeploymentConfig" ->
          SELECTOR;
      case "batch/CronJob" -> CRON_JOB_SELECTOR;
      default -> null;
    };
  }

  /**
   * The selector as a label selector: the plain map of a ReplicationController or DeploymentConfig
   * is its matchLabels.
   */
  private static @Nullable MapNode selector(ManifestObject object, FieldPath path) {
    MapNode selector = ManifestFields.map(object.root(), path);
    if (selector == null || selector.has("matchLabels") || selector.has("matchExpressions")) {
      return selector;
    }
    boolean plainMap =
        object.kind().equals("ReplicationController") || object.kind().equals("DeploymentConfig");
    if (!plainMap) {
      return selector;
    }
    Map<String, MapNode.Field> wrapped =
        Map.of("matchLabels", new MapNode.Field(selector.position(), (Node) selector));
    return new MapNode(wrapped, selector.position());
  }
}
