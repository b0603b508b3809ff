package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ListNode;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mapping keys written out of alphabetical order (by character code, so upper case sorts first). A
 * house style that keeps diffs and reviews of large manifests predictable; each mapping out of
 * order is reported once, at the mapping.
 */
final class SortedKeysCheck implements NativeCheck {
  static final String RECURSIVE = "recursive";

  @Override
  public String id() {
    return "sorted-keys";
  }

  @Override
  public String summary() {
    return "The keys of the object, or of a mapping inside it, are not in alphabetical order.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            RECURSIVE,
            "Whether mappings inside the object are checked too (true or false).",
            "true"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    boolean recursive = Parameters.bool(parameters, RECURSIVE, true);
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> check(object.root(), FieldPath.ROOT, recursive, findings);
  }

  private static void check(Node node, FieldPath path, boolean recursive, Findings findings) {
    if (node instanceof MapNode map) {
      List<String> keys = new ArrayList<>(map.keys());
      List<String> sorted = keys.stream().sorted().toList();
      if (!keys.equals(sorted)) {
        findings.violation(
            "Keys "
                + (path.isRoot() ? "of the object" : "at " + path)
                + " are not in alphabetical order: expected "
                + String.join(", ", sorted),
            path);
      }
      if (recursive) {
        map.fields().forEach((key, field) -> check(field.value(), path.key(key), true, findings));
      }
    } else if (node instanceof ListNode list && recursive) {
      for (int i = 0; i < list.size(); i++) {
        check(list.get(i), path.index(i), true, findings);
      }
    }
  }
}
