package dev.bulwark.policy.check;

import dev.bulwark.core.context.ObjectSelector;
import dev.bulwark.core.context.PodOwner;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A PodDisruptionBudget whose {@code minAvailable} is at least the replica count of a workload it
 * selects lets no pod of it be evicted, so node drains and cluster upgrades stall. When an
 * autoscaler of the input scales the workload, its minimum is the count that matters. {@code 100%}
 * always blocks; workloads without a replica count (DaemonSets, Jobs, bare Pods) are not judged.
 */
final class PdbMinAvailableCheck implements NativeCheck {
  private static final FieldPath MIN_AVAILABLE = FieldPath.of("spec", "minAvailable");

  @Override
  public String id() {
    return "pdb-min-available";
  }

  @Override
  public String summary() {
    return "The PodDisruptionBudget's minAvailable is 100%, or at least the replicas (or"
        + " autoscaler minimum) of a workload it selects in the input.";
  }

  @Override
  public Target target() {
    return Target.INPUT;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of();
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) {
    return (CheckEvaluator.AcrossInput)
        (object, workload) -> {
          if (!DisruptionBudgetValue.isBudget(object)) {
            return null;
          }
          MapNode spec = object.root().map("spec");
          DisruptionBudgetValue minimum = DisruptionBudgetValue.read(spec, "minAvailable");
          if (minimum == null || minimum.amount() == 0) {
            return null;
          }
          LocatedField field = LocatedField.of(object, MIN_AVAILABLE);
          if (minimum.percent() && minimum.amount() == 100) {
            return (input, findings) ->
                findings.violation(
                    "minAvailable is 100%, so no pod it selects can be evicted", field);
          }
          MapNode selectorNode = spec == null ? null : spec.map("selector");
          if (selectorNode == null) {
            return null;
          }
          ObjectSelector selector = ObjectSelector.parse(selectorNode);
          String namespace = object.namespaceOrDefault();
          return (input, findings) -> {
            for (PodOwner owner : input.podOwnersSelectedBy(namespace, selector)) {
              Integer autoscaled = input.autoscaledMinimum(owner);
              Integer replicas = autoscaled != null ? autoscaled : owner.replicas();
              if (replicas != null && replicas > 0 && minimum.of(replicas) >= replicas) {
                findings.violation(
                    "minAvailable is "
                        + minimum.written()
                        + " and "
                        + owner.kind()
                        + " \""
                        + owner.name()
                        + "\" "
                        + (autoscaled != null ? "may scale down to " : "has ")
                        + References.replicas(replicas)
                        + ", so none of its pods can be evicted",
                    field);
              }
            }
          };
        };
  }
}
