package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.check.CheckHarness.Found;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BindingGrantsCheckTest {
  private static final NativeCheck CHECK = new BindingGrantsCheck();
  private static final Map<String, String> SECRETS =
      Map.of("resources", "secrets", "verbs", "get,list");

  private static final String ROLES =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: reader, namespace: shop}
      rules:
        - {apiGroups: [""], resources: [configmaps], verbs: [get]}
        - {apiGroups: [""], resources: [secrets], verbs: [list]}
        - {apiGroups: [""], resources: ["*"], verbs: [get]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: viewer}
      rules:
        - {apiGroups: [""], resources: [pods], verbs: [get]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: reader}
      rules:
        - {apiGroups: ["*"], resources: [secrets], verbs: ["*"]}
      ---
      """;

  @Test
  void reportsBindingsWhoseRoleGrantsTheAccess() {
    String yaml =
        ROLES
            + """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: shop-readers, namespace: shop}
            subjects:
              - {kind: ServiceAccount, name: api, namespace: shop}
              - {kind: Group, name: auditors}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: everyone-reads}
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: reader
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: viewers, namespace: shop}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer}
            """;

    assertThat(CheckHarness.run(CHECK, SECRETS, yaml))
        .containsExactly(
            new Found(
                "shop-readers",
                "RoleBinding \"shop-readers\" gives ServiceAccount shop/api, Group auditors list,"
                    + " get on secrets through Role \"reader\"",
                "roleRef",
                27),
            new Found(
                "everyone-reads",
                "ClusterRoleBinding \"everyone-reads\" gives its subjects get, list on secrets"
                    + " through ClusterRole \"reader\"",
                "roleRef",
                32));
  }

  @Test
  void aRoleBindingSeesOnlyTheRolesOfItsNamespace() {
    String yaml =
        ROLES
            + """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: elsewhere, namespace: other}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: invalid}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            """;

    assertThat(CheckHarness.run(CHECK, SECRETS, yaml)).isEmpty();
  }

  @Test
  void bindingsToMissingRolesAreReportedOnlyWhenAsked() {
    String yaml =
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: missing, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: gone}
        """;

    assertThat(CheckHarness.run(CHECK, SECRETS, yaml)).isEmpty();
    assertThat(CheckHarness.run(CHECK, Map.of("flagRolesNotFound", "true"), yaml))
        .containsExactly(
            new Found(
                "missing",
                "RoleBinding \"missing\" refers to Role \"gone\", not in the input",
                "roleRef",
                4));
  }

  @Test
  void rejectsAFlagThatIsNotABoolean() {
    assertThatThrownBy(() -> CHECK.bind(Map.of("flagRolesNotFound", "yes")))
        .isInstanceOf(InvalidCheckParameterException.class)
        .hasMessageContaining("expected true or false");
  }
}
