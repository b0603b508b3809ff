package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * A workload without node affinity: its pods may land on any node, including ones meant for other
 * workloads (GPU nodes, nodes of another tenant or zone). Only useful where nodes are pooled.
 */
final class NodeAffinityCheck implements NativeCheck {
  @Override
  public String id() {
    return "node-affinity";
  }

  @Override
  public String summary() {
    return "The workload's pod spec has no affinity.nodeAffinity.";
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
          FieldPath spec = PodOwners.specPath(object, workload);
          if (spec != null
              && ManifestFields.map(object.root(), spec.key("affinity").key("nodeAffinity"))
                  == null) {
            findings.violation(
                object.kind() + " \"" + object.name() + "\" sets no node affinity", spec);
          }
        };
  }
}
