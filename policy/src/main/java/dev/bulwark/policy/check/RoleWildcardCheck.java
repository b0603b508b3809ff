package dev.bulwark.policy.check;

import java.util.List;
import java.util.Map;

/**
 * A {@code *} among a Role or ClusterRole rule's verbs or resources. A wildcard grants more than
 * its author listed, including resources and verbs that CRDs and later Kubernetes versions add.
 */
final class RoleWildcardCheck implements NativeCheck {
  @Override
  public String id() {
    return "role-wildcard";
  }

  @Override
  public String summary() {
    return "A rule of the Role or ClusterRole lists * among its verbs or its resources.";
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
          for (RbacRules.Rule rule : RbacRules.of(object)) {
            String subject = object.kind() + " \"" + object.name() + "\" ";
            if (rule.resources().contains("*")) {
              findings.violation(
                  subject + "rule " + index(rule) + " applies to every resource (*)",
                  rule.path().key("resources"));
            }
            if (rule.verbs().contains("*")) {
              findings.violation(
                  subject + "rule " + index(rule) + " allows every verb (*)",
                  rule.path().key("verbs"));
            }
          }
        };
  }

  private static Object index(RbacRules.Rule rule) {
    return rule.path().segments().getLast();
  }
}
