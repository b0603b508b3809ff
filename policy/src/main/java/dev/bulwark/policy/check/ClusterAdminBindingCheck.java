package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ClusterRoleBinding or RoleBinding to the {@code cluster-admin} ClusterRole: its subjects can do
 * anything (in the binding's namespace, for a RoleBinding), which is rarely what they need.
 */
final class ClusterAdminBindingCheck implements NativeCheck {
  private static final String CLUSTER_ADMIN = "cluster-admin";

  @Override
  public String id() {
    return "cluster-admin-binding";
  }

  @Override
  public String summary() {
    return "The ClusterRoleBinding or RoleBinding refers to the cluster-admin ClusterRole.";
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
          boolean binding =
              object.kind().equals("ClusterRoleBinding") || object.kind().equals("RoleBinding");
          MapNode roleRef = object.root().map("roleRef");
          if (!binding
              || !object.group().equals("rbac.authorization.k8s.io")
              || roleRef == null
              || !"ClusterRole".equals(roleRef.string("kind"))
              || !CLUSTER_ADMIN.equals(roleRef.string("name"))) {
            return;
          }
          String scope =
              object.kind().equals("RoleBinding")
                  ? "full control of namespace " + object.namespace()
                  : "full control of the cluster";
          findings.violation(
              object.kind()
                  + " \""
                  + object.name()
                  + "\" gives "
                  + subjects(object.root())
                  + " "
                  + scope
                  + " through cluster-admin",
              FieldPath.of("roleRef", "name"));
        };
  }

  private static String subjects(MapNode binding) {
    List<String> names = new ArrayList<>();
    for (MapNode subject : binding.maps("subjects")) {
      String namespace = subject.string("namespace");
      names.add(
          subject.string("kind")
              + " "
              + (namespace == null ? "" : namespace + "/")
              + subject.string("name"));
    }
    return names.isEmpty() ? "no subject" : String.join(", ", names);
  }
}
