package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.manifest.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Role or ClusterRole rule that grants one of the given verbs on one of the given resources,
 * matched as {@link RbacAccess} describes.
 */
final class RoleGrantsCheck implements NativeCheck {
  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  private static final Set<String> ROLE_KINDS = Set.of("Role", "ClusterRole");

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
    return RbacAccess.parameters();
  }

  @Override
  public CheckEvaluator bind(Map<String, String> parameters) throws InvalidCheckParameterException {
    RbacAccess access = RbacAccess.of(parameters);
    return (CheckEvaluator.PerObject)
        (object, workload, findings) -> {
          if (!isRole(object)) {
            return;
          }
          List<Node> rules = object.root().list("rules");
          for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof MapNode rule) {
              RbacAccess.Grant granted =
                  access.grant(
                      rule.strings("apiGroups"), rule.strings("resources"), rule.strings("verbs"));
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
}
