package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * An OpenShift SecurityContextConstraints that admits privileged containers: every service account
 * and user it applies to may then run pods with full access to the node.
 */
final class SccPrivilegedCheck implements NativeCheck {
  @Override
  public String id() {
    return "scc-privileged-container";
  }

  @Override
  public String summary() {
    return "The SecurityContextConstraints sets allowPrivilegedContainer: true.";
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
          if (object.kind().equals("SecurityContextConstraints")
              && Boolean.TRUE.equals(object.root().bool("allowPrivilegedContainer"))) {
            findings.violation(
                "SecurityContextConstraints \"" + object.name() + "\" admits privileged containers",
                FieldPath.of("allowPrivilegedContainer"));
          }
        };
  }
}
