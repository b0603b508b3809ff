package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A HorizontalPodAutoscaler that may scale its target below the minimum: with too few replicas, a
 * single node failure or rollout takes the application down. Kubernetes reads an unset minReplicas
 * as 1.
 */
final class HpaMinimumReplicasCheck implements NativeCheck {
  static final String MINIMUM = "minimum";

  @Override
  public String id() {
    return "hpa-minimum-replicas";
  }

  @Override
  public String summary() {
    return "The HorizontalPodAutoscaler's minReplicas (1 when unset) is below the minimum.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(new CheckParameter(MINIMUM, "The fewest replicas allowed.", "3"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    int minimum = Parameters.integer(parameters, MINIMUM, 3, 1);
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          if (!object.kind().equals("HorizontalPodAutoscaler")
              || !object.group().equals("autoscaling")) {
            return;
          }
          MapNode spec = object.root().map("spec");
          Long declared = spec == null ? null : spec.integer("minReplicas");
          long replicas = declared == null ? 1 : declared;
          if (replicas < minimum) {
            findings.violation(
                "HorizontalPodAutoscaler \""
                    + object.name()
                    + "\" may scale down to "
                    + replicas
                    + (replicas == 1 ? " replica" : " replicas")
                    + ", fewer than "
                    + minimum,
                declared == null ? FieldPath.of("spec") : FieldPath.of("spec", "minReplicas"));
          }
        };
  }
}
