package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A PodDisruptionBudget that leaves unhealthyPodEvictionPolicy to the default (IfHealthyBudget):
 * pods that are running but not ready then count against the budget, so a broken rollout can block
 * node drains. Setting it says which behaviour the owner wants, usually AlwaysAllow.
 */
final class PdbEvictionPolicyCheck implements NativeCheck {
  @Override
  public String id() {
    return "pdb-unhealthy-pod-eviction-policy";
  }

  @Override
  public String summary() {
    return "The PodDisruptionBudget does not set spec.unhealthyPodEvictionPolicy.";
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
          MapNode spec = object.root().map("spec");
          if (object.kind().equals("PodDisruptionBudget")
              && object.group().equals("policy")
              && (spec == null || spec.string("unhealthyPodEvictionPolicy") == null)) {
            findings.violation(
                "PodDisruptionBudget \""
                    + object.name()
                    + "\" does not set unhealthyPodEvictionPolicy",
                FieldPath.of("spec"));
          }
        };
  }
}
