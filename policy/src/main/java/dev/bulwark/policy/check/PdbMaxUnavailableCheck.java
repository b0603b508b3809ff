package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * A PodDisruptionBudget with {@code maxUnavailable} 0 (or 0%) lets no selected pod be evicted, so
 * node drains and cluster upgrades stall on its pods whatever their replicas.
 */
final class PdbMaxUnavailableCheck implements NativeCheck {
  @Override
  public String id() {
    return "pdb-max-unavailable";
  }

  @Override
  public String summary() {
    return "The PodDisruptionBudget sets maxUnavailable to 0 or 0%.";
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
          if (!DisruptionBudgetValue.isBudget(object)) {
            return;
          }
          DisruptionBudgetValue value =
              DisruptionBudgetValue.read(object.root().map("spec"), "maxUnavailable");
          if (value != null && value.amount() == 0) {
            findings.violation(
                "maxUnavailable is " + value.written() + ", so no pod it selects can be evicted",
                FieldPath.of("spec", "maxUnavailable"));
          }
        };
  }
}
