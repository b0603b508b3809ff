package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Role or ClusterRole rule that grants one of the given verbs on one of the given resources.
 * Rules are matched the way the API server authorizes requests: {@code *} in apiGroups, resources
 * or verbs matches everything, and {@code *}{@code /SUBRESOURCE} matches that subresource of every
 * resource. A rule limited to resourceNames still grants on those names, so it counts.
 */
final class RoleGrantsCheck implements NativeCheck {
  static final String RESOURCES = "resources";
  static final String VERBS = "verbs";
  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  private static final Set<String> ROLE_KINDS = Set.of("Role", "ClusterRole");
  private static final String ALL = "*";

  @Override
  public String id() {
    return "role-grants";
  }

  @Override
  public String summary() {
    return "A rule of a Role or ClusterRole grants one of the verbs on one of the resources, by"
        + " name or through a wildcard.";
  }

  @Override
  public Target target() {
    return Target.OBJECTS;
  }

  @Override
  public List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            RESOURCES,
            "Comma-separated resources in kubectl's RESOURCE[.GROUP][/SUBRESOURCE] form, such as"
                + " persistentvolumes or certificatesigningrequests.certificates.k8s.io/approval.",
            "every resource of every API group"),
        new CheckParameter(
            VERBS, "Comma-separated verbs, such as create,update,patch.", "any verb"));
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    List<Resource> resources = resources(parameters.get(RESOURCES));
    List<String> verbs = list(VERBS, parameters.get(VERBS));
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          if (!isRole(object)) {
            return;
          }
          List<Node> rules = object.root().list("rules");
          for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof MapNode rule) {
              String granted = grant(rule, resources, verbs);
              if (granted != null) {
                findings.violation(
                    object.kind() + " \"" + object.name() + "\" grants " + granted,
                    FieldPath.of("rules").index(i));
              }
            }
          }
        };
  }

  private static boolean isRole(ManifestObject object) {
    return ROLE_KINDS.contains(object.kind()) && object.group().equals(RBAC_GROUP);
  }

  /** What the rule grants of the wanted verbs and resources, as "verbs on resources", or null. */
  private static @Nullable String grant(
      MapNode rule, List<Resource> resources, List<String> verbs) {
    List<String> ruleVerbs = rule.strings("verbs");
    List<String> grantedVerbs =
        verbs.isEmpty()
            ? ruleVerbs
            : verbs.stream().filter(verb -> grants(ruleVerbs, verb)).toList();
    if (grantedVerbs.isEmpty()) {
      return null;
    }
    List<String> ruleGroups = rule.strings("apiGroups");
    List<String> ruleResources = rule.strings("resources");
    List<String> grantedResources = new ArrayList<>();
    if (resources.isEmpty()) {
      grantedResources.addAll(ruleResources);
    } else {
      for (Resource resource : resources) {
        if (grants(ruleGroups, resource.group()) && resource.matchedBy(ruleResources)) {
          grantedResources.add(resource.written());
        }
      }
    }
    if (grantedResources.isEmpty()) {
      return null;
    }
    return String.join(", ", grantedVerbs) + " on " + String.join(", ", grantedResources);
  }

  private static boolean grants(List<String> ruleValues, String wanted) {
    return ruleValues.contains(ALL) || ruleValues.contains(wanted);
  }

  private static List<Resource> resources(@Nullable String value)
      throws InvalidCheckParameterException {
    List<Resource> resources = new ArrayList<>();
    for (String item : list(RESOURCES, value)) {
      resources.add(Resource.parse(item));
    }
    return List.copyOf(resources);
  }

  private static List<String> list(String parameter, @Nullable String value)
      throws InvalidCheckParameterException {
    if (value == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",", -1)) {
      String trimmed = item.trim();
      if (trimmed.isEmpty() || trimmed.contains(ALL)) {
        throw new InvalidCheckParameterException(
            parameter,
            "expected a comma-separated list of names without wildcards, found \"" + value + "\"");
      }
      items.add(trimmed);
    }
    return List.copyOf(items);
  }

  /**
   * One wanted resource.
   *
   * @param written as the policy wrote it, for messages
   * @param group the API group, "" for the core group
   * @param subresource null for the resource itself
   */
  private record Resource(String written, String name, String group, @Nullable String subresource) {
    static Resource parse(String written) throws InvalidCheckParameterException {
      String qualified = written;
      String subresource = null;
      int slash = written.indexOf('/');
      if (slash >= 0) {
        qualified = written.substring(0, slash);
        subresource = written.substring(slash + 1);
      }
      int dot = qualified.indexOf('.');
      String name = dot < 0 ? qualified : qualified.substring(0, dot);
      String group = dot < 0 ? "" : qualified.substring(dot + 1);
      if (name.isEmpty() || (subresource != null && subresource.isEmpty())) {
        throw new InvalidCheckParameterException(
            RESOURCES,
            "expected RESOURCE[.GROUP][/SUBRESOURCE], such as nodes/proxy, found \""
                + written
                + "\"");
      }
      return new Resource(written, name, group, subresource);
    }

    /** As the API server's authorizer matches a rule's resources against a request. */
    boolean matchedBy(List<String> ruleResources) {
      String combined = subresource == null ? name : name + "/" + subresource;
      for (String ruleResource : ruleResources) {
        if (ruleResource.equals(ALL) || ruleResource.equals(combined)) {
          return true;
        }
        if (subresource != null && ruleResource.equals(ALL + "/" + subresource)) {
          return true;
        }
      }
      return false;
    }
  }
}
