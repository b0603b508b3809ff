package dev.bulwark.core.context;

import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How much a Role or ClusterRole grants, weakest first.
 *
 * <p>A rule is ALL when it allows every verb on every resource of every API group. It is ELEVATED
 * when it allows any verb besides get, list and watch (a {@code *} included), or any verb on
 * Secrets ({@code secrets}, a subresource of it, or {@code *} resources): reading Secrets is as
 * good as holding their credentials. Otherwise it is READ, or NONE without verbs. A role grants the
 * most of its rules.
 */
enum RoleGrant {
  NONE,
  READ,
  ELEVATED,
  ALL;

  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

  static RoleGrant ofRules(List<MapNode> rules) {
    RoleGrant grant = NONE;
    for (MapNode rule : rules) {
      grant = max(grant, ofRule(rule));
    }
    return grant;
  }

  static RoleGrant ofRule(MapNode rule) {
    List<String> verbs = lowerCase(ContextValues.strings(rule, "verbs"));
    List<String> resources = lowerCase(ContextValues.strings(rule, "resources"));
    List<String> groups = ContextValues.strings(rule, "apiGroups");
    if (verbs.contains("*") && resources.contains("*") && groups.contains("*")) {
      return ALL;
    }
    if (verbs.isEmpty()) {
      return NONE;
    }
    for (String verb : verbs) {
      if (!READ_VERBS.contains(verb)) {
        return ELEVATED;
      }
    }
    for (String resource : resources) {
      if (resource.equals("*") || resource.equals("secrets") || resource.startsWith("secrets/")) {
        return ELEVATED;
      }
    }
    return READ;
  }

  static RoleGrant max(RoleGrant left, RoleGrant right) {
    return left.compareTo(right) >= 0 ? left : right;
  }

  boolean isElevated() {
    return compareTo(ELEVATED) >= 0;
  }

  private static List<String> lowerCase(List<String> values) {
    return values.stream().map(value -> value.strip().toLowerCase(Locale.ROOT)).toList();
  }
}
