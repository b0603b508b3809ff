package dev.bulwark.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.core.workload.TestManifests;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoleGrantTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{apiGroups: ['*'], resources: ['*'], verbs: ['*']}                 | ALL",
        "{apiGroups: [''], resources: ['*'], verbs: ['*']}                  | ALL",
        "{apiGroups: [''], resources: [users, groups], verbs: [impersonate]} | ALL",
        "{apiGroups: [''], resources: [serviceaccounts], verbs: ['*']}      | ALL",
        "{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind]} | ALL",
        "{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]} | ALL",
        "{apiGroups: [''], resources: [pods], verbs: [impersonate]}          | ELEVATED",
        "{apiGroups: ['*'], resources: [pods], verbs: ['*']}                | ELEVATED",
        "{apiGroups: [''], resources: [pods], verbs: [get, list, watch]}    | READ",
        "{apiGroups: [''], resources: [pods], verbs: [GET]}                 | READ",
        "{apiGroups: [''], resources: [pods], verbs: [create]}              | ELEVATED",
        "{apiGroups: [''], resources: [pods/exec], verbs: [get, create]}    | ELEVATED",
        "{apiGroups: [''], resources: [secrets], verbs: [get]}              | ELEVATED",
        "{apiGroups: [''], resources: [secrets/status], verbs: [watch]}     | ELEVATED",
        "{apiGroups: ['*'], resources: ['*'], verbs: [list]}                | ELEVATED",
        "{apiGroups: [''], resources: [pods], verbs: []}                    | NONE",
        "{apiGroups: [''], resources: [pods]}                               | NONE",
        "{nonResourceURLs: [/healthz], verbs: [get]}                        | READ",
        "{nonResourceURLs: ['*'], verbs: ['*']}                             | ELEVATED",
      })
  void classifiesRules(String rule, RoleGrant expected) {
    MapNode root = TestManifests.object("apiVersion: v1\nkind: X\nrule: " + rule).root();

    assertThat(RoleGrant.ofRule(Objects.requireNonNull(root.map("rule")))).isEqualTo(expected);
  }
}
