package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A pod spec that names its service account in the deprecated {@code serviceAccount} field. When
 * {@code serviceAccountName} is also set it wins, so a different value in the old field misleads
 * readers; on its own the old field may stop working in a later Kubernetes version.
 */
final class DeprecatedServiceAccountCheck implements NativeCheck {
  @Override
  public String id() {
    return "deprecated-service-account-field";
  }

  @Override
  public String summary() {
    return "The workload's pod spec sets serviceAccount, without serviceAccountName or with a"
        + " different one.";
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
          FieldPath specPath = PodOwners.specPath(object, workload);
          MapNode spec = PodOwners.spec(object, workload);
          String old = spec == null ? null : spec.string("serviceAccount");
          if (specPath == null || spec == null || old == null || old.isEmpty()) {
            return;
          }
          String current = spec.string("serviceAccountName");
          String subject = object.kind() + " \"" + object.name() + "\" ";
          if (current == null || current.isEmpty()) {
            findings.violation(
                subject
                    + "names service account "
                    + old
                    + " in the deprecated serviceAccount field; use serviceAccountName",
                specPath.key("serviceAccount"));
          } else if (!current.equals(old)) {
            findings.violation(
                subject
                    + "sets serviceAccount "
                    + old
                    + " but serviceAccountName "
                    + current
                    + ", which wins; remove the deprecated field",
                specPath.key("serviceAccount"));
          }
        };
  }
}
