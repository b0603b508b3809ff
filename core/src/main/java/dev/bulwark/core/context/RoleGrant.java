package dev.bulwark.core.context;

import dev.bulwark.core.manifest.MapNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How much a Role or ClusterRole grants, weakest first.
 *
 * <p>A rule is ALL when it allows every verb on every resource, or a permission whose holder can
 * give itself any other: impersonating users, groups or service accounts, or the {@code escalate}
 * and {@code bind} verbs on roles (Kubernetes' own escalation checks do not stop those). It is
 * ELEVATED when it allows any verb besides get, list and watch (a {@code *} included), or any verb
 * on Secrets ({@code secrets}, a subresource of it, or {@code *} resources): reading Secrets is as
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
    if (verbs.contains("*") && resources.contains("*")) {
      return ALL;
    }
    if (grantsAny(verbs, "impersonate")
            && grantsAny(resources, "users", "groups", "serviceaccounts")
        || grantsAny(verbs, "escalate", "bind") && grantsAny(resources, "roles", "clusterroles")) {
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

  /** Whether {@code granted} holds {@code *} or one of {@code wanted}. */
  private static boolean grantsAny(List<String> granted, String... wanted) {
    if (granted.contains("*")) {
      return true;
    }
    for (String value : wanted) {
      if (granted.contains(value)) {
        return true;
      }
    }
    return false;
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
