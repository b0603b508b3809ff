package dev.bulwark.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RbacContextTest {
  private static final String WORKLOAD =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: operator, namespace: ops}
      spec:
        template:
          spec:
            serviceAccountName: robot
            containers: [{name: operator, image: operator}]
      """;

  @ParameterizedTest(name = "{0}")
  @MethodSource("bindings")
  void computesTheServiceAccountLevel(String description, String objects, RbacLevel expected) {
    WorkloadContext context = ContextFixture.contextOf(WORKLOAD + objects);

    assertThat(context.rbacLevel()).isEqualTo(expected);
  }

  static Stream<Arguments> bindings() {
    return Stream.of(
        Arguments.of("no bindings", "", RbacLevel.DEFAULT),
        Arguments.of(
            "cluster binding to cluster-admin",
            clusterBinding("cluster-admin", serviceAccount("robot", "ops")),
            RbacLevel.CLUSTER_ADMIN),
        Arguments.of(
            "cluster binding to a role with every verb on everything",
            clusterRole("god", "{apiGroups: ['*'], resources: ['*'], verbs: ['*']}")
                + clusterBinding("god", serviceAccount("robot", "ops")),
            RbacLevel.CLUSTER_ADMIN),
        Arguments.of(
            "cluster binding to a role that creates pods",
            clusterRole("creator", "{apiGroups: [''], resources: [pods], verbs: [get, create]}")
                + clusterBinding("creator", serviceAccount("robot", "ops")),
            RbacLevel.ELEVATED_CLUSTER_WIDE),
        Arguments.of(
            "cluster binding to a role that reads secrets",
            clusterRole("reader", "{apiGroups: [''], resources: [secrets], verbs: [get]}")
                + clusterBinding("reader", serviceAccount("robot", "ops")),
            RbacLevel.ELEVATED_CLUSTER_WIDE),
        Arguments.of(
            "cluster binding to a role that only reads pods",
            clusterRole(
                    "viewer",
                    "{apiGroups: [''], resources: [pods, pods/log], verbs: [get, list, watch]}")
                + clusterBinding("viewer", serviceAccount("robot", "ops")),
            RbacLevel.DEFAULT),
        Arguments.of(
            "namespace binding to an elevated role",
            role("ops", "deleter", "{apiGroups: [apps], resources: [deployments], verbs: [delete]}")
                + roleBinding("ops", "Role", "deleter", serviceAccount("robot", "ops")),
            RbacLevel.ELEVATED_IN_NAMESPACE),
        Arguments.of(
            "namespace binding to cluster-admin",
            roleBinding("ops", "ClusterRole", "cluster-admin", serviceAccount("robot", "ops")),
            RbacLevel.ELEVATED_IN_NAMESPACE),
        Arguments.of(
            "namespace binding to a read-only role",
            role("ops", "reader", "{apiGroups: [''], resources: [configmaps], verbs: [list]}")
                + roleBinding("ops", "Role", "reader", serviceAccount("robot", "ops")),
            RbacLevel.DEFAULT),
        Arguments.of(
            "role of another namespace with the same name",
            role("other", "deleter", "{apiGroups: [''], resources: [pods], verbs: [delete]}")
                + roleBinding("ops", "Role", "deleter", serviceAccount("robot", "ops")),
            RbacLevel.DEFAULT),
        Arguments.of(
            "namespace binding subject defaults to the binding namespace",
            roleBinding("ops", "ClusterRole", "edit", "{kind: ServiceAccount, name: robot}"),
            RbacLevel.ELEVATED_IN_NAMESPACE),
        Arguments.of(
            "cluster binding subject without namespace matches nobody",
            clusterBinding("cluster-admin", "{kind: ServiceAccount, name: robot}"),
            RbacLevel.DEFAULT),
        Arguments.of(
            "another service account",
            clusterBinding("cluster-admin", serviceAccount("other", "ops")),
            RbacLevel.DEFAULT),
        Arguments.of(
            "same name in another namespace",
            clusterBinding("cluster-admin", serviceAccount("robot", "dev")),
            RbacLevel.DEFAULT),
        Arguments.of(
            "well-known admin role not in the input",
            clusterBinding("admin", serviceAccount("robot", "ops")),
            RbacLevel.ELEVATED_CLUSTER_WIDE),
        Arguments.of(
            "well-known view role not in the input",
            clusterBinding("view", serviceAccount("robot", "ops")),
            RbacLevel.DEFAULT),
        Arguments.of(
            "unknown role not in the input",
            clusterBinding("mystery", serviceAccount("robot", "ops")),
            RbacLevel.DEFAULT),
        Arguments.of(
            "declared role wins over the well-known name",
            clusterRole("view", "{apiGroups: [''], resources: [pods], verbs: [delete]}")
                + clusterBinding("view", serviceAccount("robot", "ops")),
            RbacLevel.ELEVATED_CLUSTER_WIDE),
        Arguments.of(
            "group of every service account",
            clusterBinding("cluster-admin", "{kind: Group, name: 'system:serviceaccounts'}"),
            RbacLevel.CLUSTER_ADMIN),
        Arguments.of(
            "group of every authenticated user",
            clusterBinding("edit", "{kind: Group, name: 'system:authenticated'}"),
            RbacLevel.ELEVATED_CLUSTER_WIDE),
        Arguments.of(
            "group of the service accounts of the namespace",
            clusterBinding("edit", "{kind: Group, name: 'system:serviceaccounts:ops'}"),
            RbacLevel.ELEVATED_CLUSTER_WIDE),
        Arguments.of(
            "group of another namespace",
            clusterBinding("edit", "{kind: Group, name: 'system:serviceaccounts:dev'}"),
            RbacLevel.DEFAULT),
        Arguments.of(
            "service account user name",
            clusterBinding(
                "cluster-admin", "{kind: User, name: 'system:serviceaccount:ops:robot'}"),
            RbacLevel.CLUSTER_ADMIN),
        Arguments.of(
            "the highest binding wins",
            roleBinding("ops", "ClusterRole", "edit", serviceAccount("robot", "ops"))
                + clusterBinding("cluster-admin", serviceAccount("robot", "ops"))
                + clusterBinding("view", serviceAccount("robot", "ops")),
            RbacLevel.CLUSTER_ADMIN),
        Arguments.of(
            "aggregated cluster role grants what it aggregates",
            """
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: aggregate}
            aggregationRule:
              clusterRoleSelectors:
              - matchLabels: {rbac.example.com/aggregate-to-ops: "true"}
            rules: []
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: part
              labels: {rbac.example.com/aggregate-to-ops: "true"}
            rules:
            - {apiGroups: [''], resources: [pods], verbs: [create]}
            """
                + clusterBinding("aggregate", serviceAccount("robot", "ops")),
            RbacLevel.ELEVATED_CLUSTER_WIDE),
        Arguments.of(
            "rbac kinds of other API groups are ignored",
            """
            ---
            apiVersion: iam.aws.crossplane.io/v1beta1
            kind: ClusterRoleBinding
            metadata: {name: lookalike}
            roleRef: {kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: ServiceAccount, name: robot, namespace: ops}]
            """,
            RbacLevel.DEFAULT));
  }

  private static String serviceAccount(String name, String namespace) {
    return "{kind: ServiceAccount, name: %s, namespace: %s}".formatted(name, namespace);
  }

  private static String clusterRole(String name, String rule) {
    return """
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: %s}
    rules: [%s]
    """
        .formatted(name, rule);
  }

  private static String role(String namespace, String name, String rule) {
    return """
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: %s, namespace: %s}
    rules: [%s]
    """
        .formatted(name, namespace, rule);
  }

  private static String clusterBinding(String clusterRole, String subject) {
    return """
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata: {name: binding-%s}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: %s}
    subjects: [%s]
    """
        .formatted(clusterRole, clusterRole, subject);
  }

  private static String roleBinding(String namespace, String kind, String role, String subject) {
    return """
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: binding-%s, namespace: %s}
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: %s, name: %s}
    subjects: [%s]
    """
        .formatted(role, namespace, kind, role, subject);
  }
}
