package dev.bulwark.policy.check;

import dev.bulwark.core.context.PodOwner;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Map;

/**
 * A HorizontalPodAutoscaler scales the object its {@code scaleTargetRef} names in its own
 * namespace; when no workload of that kind and name (and API group, when the reference gives an
 * apiVersion) is there, it scales nothing. The version part of the apiVersion is not compared:
 * every served version of a kind is the same object.
 */
final class DanglingHorizontalPodAutoscalerCheck implements NativeCheck {
  private static final FieldPath TARGET = FieldPath.of("spec", "scaleTargetRef");

  @Override
  public String id() {
    return "dangling-horizontalpodautoscaler";
  }

  @Override
  public String summary() {
    return "The HorizontalPodAutoscaler's scaleTargetRef names a workload that is not in its"
        + " namespace of the input.";
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
          if (!References.is(object, "autoscaling", "HorizontalPodAutoscaler")) {
            return null;
          }
          MapNode spec = object.root().map("spec");
          MapNode target = spec == null ? null : spec.map("scaleTargetRef");
          String kind = References.text(target, "kind");
          String name = References.text(target, "name");
          if (kind == null || name == null) {
            return null;
          }
          String apiVersion = References.text(target, "apiVersion");
          String group = apiVersion == null ? null : group(apiVersion);
          String namespace = object.namespaceOrDefault();
          LocatedField field = LocatedField.of(object, TARGET);
          return (input, findings) -> {
            for (PodOwner owner : input.podOwnersNamed(namespace, kind, name)) {
              if (group == null || group.equals(owner.group())) {
                return;
              }
            }
            findings.violation(
                "The scaleTargetRef names "
                    + kind
                    + " \""
                    + name
                    + "\""
                    + (apiVersion == null ? "" : " (" + apiVersion + ")")
                    + ", which is not in namespace \""
                    + namespace
                    + "\" of the input",
                field);
          };
        };
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
