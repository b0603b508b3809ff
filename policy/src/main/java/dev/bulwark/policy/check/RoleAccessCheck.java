package dev.bulwark.policy.check;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Role or ClusterRole rule that allows one of the given verbs on one of the given resources,
 * wildcards included: whoever is bound to the role holds that access. The rule is reported, since
 * that is where the access is granted and narrowed.
 */
final class RoleAccessCheck implements NativeCheck {
  static final String RESOURCES = "resources";
  static final String VERBS = "verbs";
  private static final String WILDCARD = "*";

  @Override
  public String id() {
    return "role-grants-access";
  }

  @Override
  public String summary() {
    return "A rule of the Role or ClusterRole allows one of the listed verbs on one of the listed"
        + " resources (a * in the rule counts as every verb or resource).";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        CheckParameter.required(
            RESOURCES,
            "Comma-separated resources (plural, as rules name them), such as secrets or"
                + " pods,deployments.",
            "secrets"),
        CheckParameter.required(
            VERBS, "Comma-separated verbs, such as get,list,watch.", "get,list,watch"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    List<String> resources = lowerCase(Parameters.list(parameters, RESOURCES, List.of()));
    List<String> verbs = lowerCase(Parameters.list(parameters, VERBS, List.of()));
    if (resources.isEmpty() || verbs.isEmpty()) {
      throw new InvalidCheckParameterException(
          resources.isEmpty() ? RESOURCES : VERBS, "the parameter is required");
    }
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          for (RbacRules.Rule rule : RbacRules.of(object)) {
            List<String> grantedVerbs = granted(rule.verbs(), verbs);
            List<String> grantedResources = granted(rule.resources(), resources);
            if (!grantedVerbs.isEmpty() && !grantedResources.isEmpty()) {
              findings.violation(
                  object.kind()
                      + " \""
                      + object.name()
                      + "\" allows "
                      + String.join(", ", grantedVerbs)
                      + " on "
                      + String.join(", ", grantedResources),
                  rule.path());
            }
          }
        };
  }

  /**
   * The items of the rule that grant one of {@code wanted}: the matching ones and any {@code *}.
   */
  private static List<String> granted(List<String> inRule, List<String> wanted) {
    return inRule.stream().filter(item -> item.equals(WILDCARD) || wanted.contains(item)).toList();
  }

  private static List<String> lowerCase(List<String> values) {
    return values.stream().map(value -> value.toLowerCase(Locale.ROOT)).toList();
  }
}
