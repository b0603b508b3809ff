package dev.bulwark.policy.check;

import dev.bulwark.core.context.PodOwner;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * Pods that name a ServiceAccount missing from their namespace are not created: the API server
 * rejects them. The {@code default} ServiceAccount exists in every namespace and is never flagged.
 * Every pod owner is checked (see {@link PodOwner}).
 */
final class NonExistentServiceAccountCheck implements NativeCheck {
  @Override
  public String id() {
    return "non-existent-service-account";
  }

  @Override
  public String summary() {
    return "The pod's serviceAccountName (or deprecated serviceAccount) names a ServiceAccount,"
        + " other than default, that is not in its namespace of the input.";
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
          if (workload != null && workload.serviceAccountName().equals("default")) {
            return null;
          }
          PodOwner owner = PodOwner.of(object, workload).orElse(null);
          if (owner == null || owner.serviceAccountName().equals("default")) {
            return null;
          }
          String account = owner.serviceAccountName();
          String namespace = owner.namespace();
          MapNode podSpec = ManifestFields.map(object.root(), owner.podSpecPath());
          String key =
              podSpec != null && References.text(podSpec, "serviceAccountName") == null
                  ? "serviceAccount"
                  : "serviceAccountName";
          FieldPath path = owner.podSpecPath().key(key);
          LocatedField field = LocatedField.of(object, path);
          return (input, findings) -> {
            if (!input.hasServiceAccount(namespace, account)) {
              findings.violation(
                  "The pods run as ServiceAccount \""
                      + account
                      + "\", which is not in namespace \""
                      + namespace
                      + "\" of the input",
                  field);
            }
          };
        };
  }
}
