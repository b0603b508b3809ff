package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rules of a Role or ClusterRole, each with its path. */
final class RbacRules {
  private RbacRules() {}

  /** One rule: its verbs and resources as written (lower case), and where it is. */
  record Rule(List<String> verbs, List<String> resources, FieldPath path) {
    Rule {
      verbs = List.copyOf(verbs);
      resources = List.copyOf(resources);
    }
  }

  static boolean isRole(ManifestObject object) {
    return object.group().equals("rbac.authorization.k8s.io")
        && (object.kind().equals("Role") || object.kind().equals("ClusterRole"));
  }

  /** The rules of a Role or ClusterRole; empty for other objects. */
  static List<Rule> of(ManifestObject object) {
    if (!isRole(object)) {
      return List.of();
    }
    List<Node> items = object.root().list("rules");
    List<Rule> rules = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof MapNode rule) {
        rules.add(
            new Rule(
                lowerCase(rule.strings("verbs")),
                lowerCase(rule.strings("resources")),
                FieldPath.of("rules").index(i)));
      }
    }
    return rules;
  }

  private static List<String> lowerCase(List<String> values) {
    return values.stream().map(value -> value.strip().toLowerCase(Locale.ROOT)).toList();
  }
}
