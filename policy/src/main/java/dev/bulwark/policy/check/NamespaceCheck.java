package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * A workload or Service in the {@code default} namespace, named or left unset (then it lands in
 * whatever namespace the person applying it happens to use, usually {@code default}). Namespaces
 * are where RBAC, network policies, quotas and Pod Security levels apply; the default namespace
 * gets none of them by design.
 */
final class NamespaceCheck implements NativeCheck {
  @Override
  public String id() {
    return "default-namespace";
  }

  @Override
  public String summary() {
    return "The workload or Service sets no metadata.namespace, or sets it to default.";
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
          boolean service = object.kind().equals("Service") && object.group().isEmpty();
          if (!service && !PodOwners.runsPods(object, workload)) {
            return;
          }
          String namespace = object.namespace();
          String subject = object.kind() + " \"" + object.name() + "\" ";
          if (namespace == null || namespace.isBlank()) {
            findings.violation(
                subject + "sets no namespace, so it goes to the default namespace",
                FieldPath.of("metadata"));
          } else if (namespace.equalsIgnoreCase("default")) {
            findings.violation(
                subject + "is in the default namespace", FieldPath.of("metadata", "namespace"));
          }
        };
  }
}
