package dev.bulwark.policy.check;

import dev.bulwark.core.context.ObjectSelector;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy whose {@code podSelector} matches the pods of no workload in its namespace
 * isolates nothing: the pods it was written for stay open, usually because of a label typo. An
 * empty selector (every pod of the namespace, as default-deny policies use) is never dangling: it
 * covers pods created later too.
 */
final class DanglingNetworkPolicyCheck implements NativeCheck {
  private static final FieldPath POD_SELECTOR = FieldPath.of("spec", "podSelector");

  @Override
  public String id() {
    return "dangling-networkpolicy";
  }

  @Override
  public String summary() {
    return "The NetworkPolicy's podSelector is not empty and matches the pod labels of no workload"
        + " in its namespace of the input.";
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
          if (!isNetworkPolicy(object)) {
            return null;
          }
          MapNode spec = object.root().map("spec");
          ObjectSelector selector =
              ObjectSelector.parse(spec == null ? null : spec.map("podSelector"));
          if (selector.isEmpty()) {
            return null;
          }
          String namespace = object.namespaceOrDefault();
          LocatedField field = LocatedField.of(object, POD_SELECTOR);
          return (input, findings) -> {
            if (!input.selectsPods(namespace, selector)) {
              findings.violation(
                  "The podSelector "
                      + selector.describe()
                      + " matches the pods of no workload in namespace \""
                      + namespace
                      + "\" of the input, so the policy isolates nothing",
                  field);
            }
          };
        };
  }

  static boolean isNetworkPolicy(ManifestObject object) {
    return object.kind().equals("NetworkPolicy")
        && (object.group().equals("networking.k8s.io") || object.group().equals("extensions"));
  }
}
