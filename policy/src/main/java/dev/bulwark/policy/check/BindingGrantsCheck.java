package dev.bulwark.policy.check;

import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.context.InputIndex.IndexedRole;
import dev.bulwark.core.context.InputIndex.IndexedRule;
import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A RoleBinding or ClusterRoleBinding whose subjects get one of the given verbs on one of the given
 * resources through the role it refers to, matched as {@link RbacAccess} describes. The role is
 * looked up in the input: a RoleBinding's Role in the binding's namespace, or a ClusterRole for
 * either kind of binding (a ClusterRoleBinding to a Role is rejected by the API server and never
 * reported). The rules of aggregated ClusterRoles are filled in by the cluster, so only the rules
 * written in the input count. A binding to a role missing from the input is reported only when
 * {@code flagRolesNotFound} is true, since the role may be created elsewhere.
 */
final class BindingGrantsCheck implements NativeCheck {
  static final String FLAG_ROLES_NOT_FOUND = "flagRolesNotFound";
  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  private static final String ROLE_BINDING = "RoleBinding";
  private static final String CLUSTER_ROLE_BINDING = "ClusterRoleBinding";
  private static final String ROLE = "Role";
  private static final String CLUSTER_ROLE = "ClusterRole";

  @Override
  public String id() {
    return "binding-grants";
  }

  @Override
  public String summary() {
    return "The subjects of a RoleBinding or ClusterRoleBinding get one of the verbs on one of the"
        + " resources through the Role or ClusterRole of the input it refers to.";
  }

  @Override
  public Target target() {
    return Target.INPUT;
  }

  @Override
  public List<CheckParameter> parameters() {
    List<CheckParameter> parameters = new ArrayList<>(RbacAccess.parameters());
    parameters.add(
        new CheckParameter(
            FLAG_ROLES_NOT_FOUND,
            "Whether to report bindings whose role is not in the input.",
            "false"));
    return List.copyOf(parameters);
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    RbacAccess access = RbacAccess.of(parameters);
    boolean flagRolesNotFound = Parameters.bool(parameters, FLAG_ROLES_NOT_FOUND, false);
    return (CheckEvaluator.AcrossInput)
        (object, workload) -> {
          Binding binding = Binding.of(object);
          if (binding == null) {
            return null;
          }
          return (input, findings) -> {
            IndexedRole role = binding.role(input);
            if (role == null) {
              if (flagRolesNotFound) {
                findings.violation(
                    binding.describe() + " refers to " + binding.roleText() + ", not in the input",
                    binding.roleRef());
              }
              return;
            }
            RbacAccess.Grant granted = null;
            for (IndexedRule rule : role.rules()) {
              RbacAccess.Grant grant =
                  access.grant(rule.apiGroups(), rule.resources(), rule.verbs());
              if (grant != null) {
                granted = granted == null ? grant : granted.and(grant);
              }
            }
            if (granted != null) {
              findings.violation(
                  binding.describe()
                      + " gives "
                      + binding.subjects()
                      + " "
                      + granted
                      + " through "
                      + binding.roleText(),
                  binding.roleRef());
            }
          };
        };
  }

  /**
   * What a binding refers to and whom it binds.
   *
   * @param namespace the binding's namespace; only a RoleBinding's counts
   * @param subjects the subjects, as a message names them
   * @param roleRef where the binding names its role
   */
  private record Binding(
      String kind,
      String name,
      String namespace,
      String roleKind,
      String roleName,
      String subjects,
      LocatedField roleRef) {

    /** The binding, or null when the object is none or names no role a binding of it can use. */
    static @Nullable Binding of(ManifestObject object) {
      if (!object.group().equals(RBAC_GROUP)
          || !(object.kind().equals(ROLE_BINDING) || object.kind().equals(CLUSTER_ROLE_BINDING))) {
        return null;
      }
      MapNode roleRef = object.root().map("roleRef");
      String roleKind = References.text(roleRef, "kind");
      String roleName = References.text(roleRef, "name");
      boolean usable =
          CLUSTER_ROLE.equals(roleKind)
              || ROLE.equals(roleKind) && object.kind().equals(ROLE_BINDING);
      if (roleKind == null || roleName == null || !usable) {
        return null;
      }
      return new Binding(
          object.kind(),
          object.name(),
          object.namespaceOrDefault(),
          roleKind,
          roleName,
          subjects(object.root()),
          LocatedField.of(object, FieldPath.of("roleRef")));
    }

    @Nullable IndexedRole role(InputIndex input) {
      return roleKind.equals(ROLE) ? input.role(namespace, roleName) : input.clusterRole(roleName);
    }

    String describe() {
      return kind + " \"" + name + "\"";
    }

    String roleText() {
      return roleKind + " \"" + roleName + "\"";
    }

    private static String subjects(MapNode root) {
      List<String> subjects = new ArrayList<>();
      for (MapNode subject : root.maps("subjects")) {
        String kind = References.text(subject, "kind");
        String name = References.text(subject, "name");
        String namespace = References.text(subject, "namespace");
        if (kind != null && name != null) {
          subjects.add(kind + " " + (namespace == null ? "" : namespace + "/") + name);
        }
      }
      return subjects.isEmpty() ? "its subjects" : String.join(", ", subjects);
    }
  }
}
