package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A workload with a priority class outside the accepted list. Priority decides which pods the
 * scheduler evicts to make room; an unexpected class lets a workload push out more important ones.
 * Pods without a priority class are not judged.
 */
final class PriorityClassCheck implements NativeCheck {
  static final String ACCEPTED = "accepted";

  @Override
  public String id() {
    return "priority-class";
  }

  @Override
  public String summary() {
    return "The workload's pod spec sets a priorityClassName that is not accepted.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            ACCEPTED,
            "Comma-separated accepted priority class names.",
            "system-cluster-critical,system-node-critical"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    List<String> accepted =
        Parameters.list(
            parameters, ACCEPTED, List.of("system-cluster-critical", "system-node-critical"));
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          FieldPath specPath = PodOwners.specPath(object, workload);
          MapNode spec = PodOwners.spec(object, workload);
          String name = spec == null ? null : spec.string("priorityClassName");
          if (specPath == null || name == null || name.isBlank() || accepted.contains(name)) {
            return;
          }
          findings.violation(
              object.kind()
                  + " \""
                  + object.name()
                  + "\" uses priority class "
                  + name
                  + "; accepted: "
                  + String.join(", ", accepted),
              specPath.key("priorityClassName"));
        };
  }
}
