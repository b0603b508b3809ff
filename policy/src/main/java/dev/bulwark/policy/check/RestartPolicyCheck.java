package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A workload whose pods do not set an accepted restart policy, by default Always or OnFailure, so
 * that failed containers come back. Unset counts as not set: the rule is meant for teams that want
 * the policy written down.
 */
final class RestartPolicyCheck implements NativeCheck {
  static final String ACCEPTED = "accepted";

  @Override
  public String id() {
    return "restart-policy";
  }

  @Override
  public String summary() {
    return "The workload's pod spec sets no restartPolicy, or one that is not accepted.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            ACCEPTED, "Comma-separated accepted restart policies.", "Always,OnFailure"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    List<String> accepted = Parameters.list(parameters, ACCEPTED, List.of("Always", "OnFailure"));
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          FieldPath specPath = PodOwners.specPath(object, workload);
          MapNode spec = PodOwners.spec(object, workload);
          if (specPath == null || spec == null) {
            return;
          }
          String policy = spec.string("restartPolicy");
          String subject = object.kind() + " \"" + object.name() + "\" ";
          if (policy == null) {
            findings.violation(
                subject + "sets no restartPolicy; accepted: " + String.join(", ", accepted),
                specPath);
          } else if (!accepted.contains(policy)) {
            findings.violation(
                subject
                    + "has restartPolicy "
                    + policy
                    + "; accepted: "
                    + String.join(", ", accepted),
                specPath.key("restartPolicy"));
          }
        };
  }
}
