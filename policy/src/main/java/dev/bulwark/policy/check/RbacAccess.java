package dev.bulwark.policy.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The access a check looks for in RBAC rules: verbs on resources, both read from the {@code
 * resources} and {@code verbs} parameters. Rules are matched the way the API server authorizes
 * requests: {@code *} in apiGroups, resources or verbs matches everything, and {@code *}{@code
 * /SUBRESOURCE} matches that subresource of every resource. A rule limited to resourceNames still
 * grants on those names, so it counts. Immutable and thread-safe.
 */
final class RbacAccess {
  static final String RESOURCES = "resources";
  static final String VERBS = "verbs";
  private static final String ALL = "*";

  private final List<Resource> resources;
  private final List<String> verbs;

  private RbacAccess(List<Resource> resources, List<String> verbs) {
    this.resources = List.copyOf(resources);
    this.verbs = List.copyOf(verbs);
  }

  /** The two parameters, for the checks that take them. */
  static List<CheckParameter> parameters() {
    return List.of(
        new CheckParameter(
            RESOURCES,
            "Comma-separated resources in kubectl's RESOURCE[.GROUP][/SUBRESOURCE] form, such as"
                + " persistentvolumes or certificatesigningrequests.certificates.k8s.io/approval.",
            "every resource of every API group"),
        new CheckParameter(
            VERBS, "Comma-separated verbs, such as create,update,patch.", "any verb"));
  }

  static RbacAccess of(Map<String, String> parameters) throws InvalidCheckParameterException {
    List<Resource> resources = new ArrayList<>();
    for (String item : list(RESOURCES, parameters.get(RESOURCES))) {
      resources.add(Resource.parse(item));
    }
    return new RbacAccess(resources, list(VERBS, parameters.get(VERBS)));
  }

  /**
   * What of the wanted access one rule grants; null when it grants none.
   *
   * @param ruleGroups the rule's apiGroups
   * @param ruleResources the rule's resources
   * @param ruleVerbs the rule's verbs
   */
  @Nullable Grant grant(
      List<String> ruleGroups, List<String> ruleResources, List<String> ruleVerbs) {
    List<String> grantedVerbs =
        verbs.isEmpty()
            ? ruleVerbs
            : verbs.stream().filter(verb -> grants(ruleVerbs, verb)).toList();
    if (grantedVerbs.isEmpty()) {
      return null;
    }
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
    return new Grant(new LinkedHashSet<>(grantedVerbs), new LinkedHashSet<>(grantedResources));
  }

  private static boolean grants(List<String> ruleValues, String wanted) {
    return ruleValues.contains(ALL) || ruleValues.contains(wanted);
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
   * Verbs granted on resources, each once in the order first granted; a grant of several rules
   * combines them with {@link #and}.
   */
  record Grant(Set<String> verbs, Set<String> resources) {
    Grant {
      verbs = Collections.unmodifiableSet(new LinkedHashSet<>(verbs));
      resources = Collections.unmodifiableSet(new LinkedHashSet<>(resources));
    }

    /** This grant and the other one. */
    Grant and(Grant other) {
      Set<String> allVerbs = new LinkedHashSet<>(verbs);
      allVerbs.addAll(other.verbs);
      Set<String> allResources = new LinkedHashSet<>(resources);
      allResources.addAll(other.resources);
      return new Grant(allVerbs, allResources);
    }

    /** As "verbs on resources", for messages. */
    @Override
    public String toString() {
      return String.join(", ", verbs) + " on " + String.join(", ", resources);
    }
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
