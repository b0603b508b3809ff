package dev.bulwark.core.context;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The RBAC level of every service account the bindings of the input mention, computed once.
 *
 * <p>A binding gives its subjects a level by the role it references:
 *
 * <ul>
 *   <li>a ClusterRoleBinding to {@code cluster-admin}, or to a ClusterRole granting every verb on
 *       every resource or a way to gain any permission (see {@link RoleGrant}): CLUSTER_ADMIN;
 *   <li>a ClusterRoleBinding to a ClusterRole with an elevated rule (see {@link RoleGrant}):
 *       ELEVATED_CLUSTER_WIDE;
 *   <li>a RoleBinding to an elevated Role or ClusterRole, {@code cluster-admin} included:
 *       ELEVATED_IN_NAMESPACE;
 *   <li>anything else: DEFAULT.
 * </ul>
 *
 * <p>Roles missing from the input grant nothing, except the default ClusterRoles every cluster has:
 * {@code cluster-admin} (everything), {@code admin} and {@code edit} (elevated), {@code view}
 * (read). Aggregated ClusterRoles grant what the ClusterRoles their selectors match grant.
 *
 * <p>Subjects: a ServiceAccount (its namespace defaults to a RoleBinding's own); a User named
 * {@code system:serviceaccount:NS:NAME}; the Groups {@code system:serviceaccounts} and {@code
 * system:authenticated} (every service account) and {@code system:serviceaccounts:NS} (those of
 * NS). A service account's level is the highest any binding gives it.
 */
final class RbacIndex {
  private static final String SERVICE_ACCOUNT_USER = "system:serviceaccount:";
  private static final String NAMESPACE_GROUP = "system:serviceaccounts:";

  private final Map<String, RbacLevel> byServiceAccount;
  private final Map<String, RbacLevel> byNamespace;
  private final RbacLevel everyServiceAccount;

  private RbacIndex(
      Map<String, RbacLevel> byServiceAccount,
      Map<String, RbacLevel> byNamespace,
      RbacLevel everyServiceAccount) {
    this.byServiceAccount = Map.copyOf(byServiceAccount);
    this.byNamespace = Map.copyOf(byNamespace);
    this.everyServiceAccount = everyServiceAccount;
  }

  RbacLevel levelOf(String namespace, String serviceAccount) {
    RbacLevel level = everyServiceAccount;
    level = max(level, byNamespace.getOrDefault(namespace, RbacLevel.DEFAULT));
    return max(
        level,
        byServiceAccount.getOrDefault(
            ContextValues.key(namespace, serviceAccount), RbacLevel.DEFAULT));
  }

  /** A Role or ClusterRole reduced to what it grants. */
  record Role(
      @Nullable String namespace,
      String name,
      Map<String, String> labels,
      List<ObjectSelector> aggregation,
      RoleGrant grant) {
    Role {
      labels = Map.copyOf(labels);
      aggregation = List.copyOf(aggregation);
    }

    static Role read(ManifestObject object, boolean clusterWide) {
      MapNode aggregationRule = object.root().map("aggregationRule");
      List<ObjectSelector> selectors = new ArrayList<>();
      for (MapNode selector : ContextValues.maps(aggregationRule, "clusterRoleSelectors")) {
        selectors.add(ObjectSelector.parse(selector));
      }
      return new Role(
          clusterWide ? null : object.namespaceOrDefault(),
          object.name(),
          object.labels(),
          selectors,
          RoleGrant.ofRules(ContextValues.maps(object.root(), "rules")));
    }
  }

  /** A RoleBinding (with its namespace) or ClusterRoleBinding (namespace null). */
  record Binding(
      @Nullable String namespace, String roleKind, String roleName, List<Subject> subjects) {
    Binding {
      subjects = List.copyOf(subjects);
    }

    static Binding read(ManifestObject object, boolean clusterWide) {
      MapNode roleRef = object.root().map("roleRef");
      List<Subject> subjects = new ArrayList<>();
      for (MapNode subject : ContextValues.maps(object.root(), "subjects")) {
        String kind = ContextValues.text(subject, "kind");
        String name = ContextValues.text(subject, "name");
        if (kind != null && name != null) {
          subjects.add(new Subject(kind, name, ContextValues.text(subject, "namespace")));
        }
      }
      return new Binding(
          clusterWide ? null : object.namespaceOrDefault(),
          orEmpty(ContextValues.text(roleRef, "kind")),
          orEmpty(ContextValues.text(roleRef, "name")),
          subjects);
    }
  }

  record Subject(String kind, String name, @Nullable String namespace) {}

  static RbacIndex build(List<Role> roles, List<Role> clusterRoles, List<Binding> bindings) {
    Map<String, RoleGrant> roleGrants = new HashMap<>();
    for (Role role : roles) {
      roleGrants.merge(
          ContextValues.key(orEmpty(role.namespace()), role.name()), role.grant(), RoleGrant::max);
    }
    Map<String, RoleGrant> clusterRoleGrants = clusterRoleGrants(clusterRoles);
    Map<String, RbacLevel> byServiceAccount = new HashMap<>();
    Map<String, RbacLevel> byNamespace = new HashMap<>();
    RbacLevel every = RbacLevel.DEFAULT;
    for (Binding binding : bindings) {
      RbacLevel level = level(binding, roleGrants, clusterRoleGrants);
      if (level == RbacLevel.DEFAULT) {
        continue;
      }
      for (Subject subject : binding.subjects()) {
        switch (subject.kind()) {
          case "ServiceAccount" -> {
            String namespace =
                subject.namespace() != null ? subject.namespace() : binding.namespace();
            if (namespace != null) {
              raise(byServiceAccount, ContextValues.key(namespace, subject.name()), level);
            }
          }
          case "User" -> {
            String account = serviceAccountOfUser(subject.name());
            if (account != null) {
              raise(byServiceAccount, account, level);
            }
          }
          case "Group" -> {
            if (subject.name().equals("system:serviceaccounts")
                || subject.name().equals("system:authenticated")) {
              every = max(every, level);
            } else if (subject.name().startsWith(NAMESPACE_GROUP)) {
              raise(byNamespace, subject.name().substring(NAMESPACE_GROUP.length()), level);
            }
          }
          default -> {}
        }
      }
    }
    return new RbacIndex(byServiceAccount, byNamespace, every);
  }

  private static RbacLevel level(
      Binding binding, Map<String, RoleGrant> roleGrants, Map<String, RoleGrant> clusterGrants) {
    boolean clusterRole = binding.roleKind().equals("ClusterRole");
    RoleGrant grant;
    if (clusterRole) {
      grant = clusterGrants.getOrDefault(binding.roleName(), wellKnown(binding.roleName()));
    } else if (binding.roleKind().equals("Role") && binding.namespace() != null) {
      grant =
          roleGrants.getOrDefault(
              ContextValues.key(binding.namespace(), binding.roleName()), RoleGrant.NONE);
    } else {
      grant = RoleGrant.NONE;
    }
    boolean clusterAdmin =
        clusterRole && (binding.roleName().equals("cluster-admin") || grant == RoleGrant.ALL);
    if (binding.namespace() == null) {
      if (clusterAdmin) {
        return RbacLevel.CLUSTER_ADMIN;
      }
      return grant.isElevated() ? RbacLevel.ELEVATED_CLUSTER_WIDE : RbacLevel.DEFAULT;
    }
    return clusterAdmin || grant.isElevated() ? RbacLevel.ELEVATED_IN_NAMESPACE : RbacLevel.DEFAULT;
  }

  private static RoleGrant wellKnown(String clusterRole) {
    return switch (clusterRole) {
      case "cluster-admin" -> RoleGrant.ALL;
      case "admin", "edit" -> RoleGrant.ELEVATED;
      case "view" -> RoleGrant.READ;
      default -> RoleGrant.NONE;
    };
  }

  /** Own grants, then aggregation folded in until nothing changes (chains are short). */
  private static Map<String, RoleGrant> clusterRoleGrants(List<Role> clusterRoles) {
    Map<String, RoleGrant> grants = new HashMap<>();
    List<Role> aggregated = new ArrayList<>();
    for (Role role : clusterRoles) {
      grants.merge(role.name(), role.grant(), RoleGrant::max);
      if (!role.aggregation().isEmpty()) {
        aggregated.add(role);
      }
    }
    boolean changed = !aggregated.isEmpty();
    for (int round = 0; changed && round <= aggregated.size(); round++) {
      changed = false;
      for (Role role : aggregated) {
        RoleGrant grant = grants.getOrDefault(role.name(), RoleGrant.NONE);
        for (Role other : clusterRoles) {
          if (other != role && matchesAny(role.aggregation(), other.labels())) {
            grant = RoleGrant.max(grant, grants.getOrDefault(other.name(), RoleGrant.NONE));
          }
        }
        if (grant != grants.get(role.name())) {
          grants.put(role.name(), grant);
          changed = true;
        }
      }
    }
    return grants;
  }

  private static boolean matchesAny(List<ObjectSelector> selectors, Map<String, String> labels) {
    for (ObjectSelector selector : selectors) {
      if (selector.matches(labels)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String serviceAccountOfUser(String user) {
    if (!user.startsWith(SERVICE_ACCOUNT_USER)) {
      return null;
    }
    String rest = user.substring(SERVICE_ACCOUNT_USER.length());
    int colon = rest.indexOf(':');
    if (colon <= 0 || colon == rest.length() - 1) {
      return null;
    }
    return ContextValues.key(rest.substring(0, colon), rest.substring(colon + 1));
  }

  private static void raise(Map<String, RbacLevel> levels, String key, RbacLevel level) {
    levels.merge(key, level, RbacIndex::max);
  }

  private static RbacLevel max(RbacLevel left, RbacLevel right) {
    return left.compareTo(right) >= 0 ? left : right;
  }

  private static String orEmpty(@Nullable String text) {
    return text == null ? "" : text;
  }
}
