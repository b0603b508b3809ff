package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * A replicated workload with fewer replicas than the minimum: one node failure, eviction or rollout
 * takes the whole application down. Kinds without replicas (Pod, DaemonSet, Job, CronJob) are not
 * judged.
 */
final class MinimumReplicasCheck implements NativeCheck {
  static final String MINIMUM = "minimum";

  @Override
  public String id() {
    return "minimum-replicas";
  }

  @Override
  public String summary() {
    return "The workload's replicas (1 when unset) is below the minimum.";
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
          Integer replicas = PodOwners.replicas(object, workload);
          if (replicas != null && replicas < minimum) {
            findings.violation(
                object.kind()
                    + " \""
                    + object.name()
                    + "\" runs "
                    + replicas
                    + (replicas == 1 ? " replica" : " replicas")
                    + ", fewer than "
                    + minimum,
                FieldPath.of("spec", "replicas"));
          }
        };
  }
}
