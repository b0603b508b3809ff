package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import java.util.List;
import java.util.Map;

/**
 * An object that names the {@code default} namespace. Objects that name no namespace are left
 * alone: where they land is decided when they are applied ({@code kubectl -n}, the Helm release
 * namespace, a kustomization), not by the manifest.
 */
final class DefaultNamespaceCheck implements NativeCheck {
  private static final String DEFAULT = "default";

  @Override
  public String id() {
    return "default-namespace";
  }

  @Override
  public String summary() {
    return "The object's metadata.namespace is default.";
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
          if (DEFAULT.equals(object.namespace())) {
            findings.violation(
                object.kind() + " \"" + object.name() + "\" is placed in the default namespace",
                FieldPath.of("metadata", "namespace"));
          }
        };
  }
}
