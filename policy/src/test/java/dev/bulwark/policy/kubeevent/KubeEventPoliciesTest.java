package dev.bulwark.policy.kubeevent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.conformance.ConformanceFolders;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.kubeevent.KubeEvent.Resource;
import dev.bulwark.policy.model.Policy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runtime policies about pod actions judged against single requests. */
class KubeEventPoliciesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  @Test
  void stackRoxsExecPolicyMatchesExecOnlyAndAlerts() {
    Policy exec =
        PolicyReader.read(ConformanceFolders.find("stackrox-policies").resolve("pod_exec.json"))
            .getFirst()
            .withDisabled(false);
    KubeEventPolicies policies = KubeEventPolicies.of(List.of(exec));

    List<KubeEventMatch> onExec =
        policies.match(event(Resource.PODS_EXEC, "shop", "alice"), "", NOW);
    List<KubeEventMatch> onForward =
        policies.match(event(Resource.PODS_PORTFORWARD, "shop", "alice"), "", NOW);
    List<KubeEventMatch> excluded =
        policies.match(event(Resource.PODS_EXEC, "openshift-monitoring", "alice"), "", NOW);

    assertThat(onExec)
        .singleElement()
        .satisfies(match -> {
          assertThat(match.enforced()).isFalse();
          assertThat(match.message()).isEqualTo("alice wants to exec into pod shop/web-1");
        });
    assertThat(onForward).isEmpty();
    assertThat(excluded)
        .as("its exclusions name deployments, which a request does not carry")
        .hasSize(1);
  }

  @Test
  void usersGroupsScopesAndEnforcementDecide() {
    Policy noHumanExec =
        policy(
            """
            {"id": "no-exec", "name": "No exec by people", "severity": "HIGH_SEVERITY",
             "lifecycleStages": ["RUNTIME"], "eventSource": "DEPLOYMENT_EVENT",
             "categories": ["Kubernetes Events"],
             "enforcementActions": ["FAIL_KUBE_REQUEST_ENFORCEMENT"],
             "scope": [{"namespace": "prod-.*"}],
             "exclusions": [{"name": "sandbox", "deployment": {"scope": {"namespace": "prod-sandbox"}}}],
             "policySections": [{"policyGroups": [
               {"fieldName": "Kubernetes Resource", "values": [{"value": "PODS_EXEC"}, {"value": "PODS_ATTACH"}]},
               {"fieldName": "Kubernetes User Groups", "values": [{"value": "developers"}]},
               {"fieldName": "Kubernetes User Name", "negate": true, "values": [{"value": "oncall"}]}]}]}
            """);
    KubeEventPolicies policies = KubeEventPolicies.of(List.of(noHumanExec));

    assertThat(policies.match(event(Resource.PODS_ATTACH, "prod-shop", "alice"), "", NOW))
        .singleElement()
        .satisfies(match -> assertThat(match.enforced()).isTrue());
    assertThat(policies.match(event(Resource.PODS_EXEC, "prod-shop", "oncall"), "", NOW))
        .as("the negated user")
        .isEmpty();
    assertThat(
            policies.match(
                new KubeEvent(Resource.PODS_EXEC, "prod-shop", "web-1", "bob", List.of("ops")),
                "",
                NOW))
        .as("not in the group")
        .isEmpty();
    assertThat(policies.match(event(Resource.PODS_EXEC, "dev", "alice"), "", NOW))
        .as("out of scope")
        .isEmpty();
    assertThat(policies.match(event(Resource.PODS_EXEC, "prod-sandbox", "alice"), "", NOW))
        .as("excluded namespace")
        .isEmpty();
    assertThat(KubeEventPolicies.of(List.of(noHumanExec.withDisabled(true))).policies()).isEmpty();
  }

  @Test
  void policiesThatNeedTheWorkloadAreNotJudgedFromARequest() {
    Policy withImage =
        policy(
            """
            {"id": "exec-into-nginx", "name": "Exec into nginx", "severity": "LOW_SEVERITY",
             "lifecycleStages": ["RUNTIME"], "eventSource": "DEPLOYMENT_EVENT",
             "categories": ["Kubernetes Events"],
             "policySections": [{"policyGroups": [
               {"fieldName": "Kubernetes Resource", "values": [{"value": "PODS_EXEC"}]},
               {"fieldName": "Image Remote", "values": [{"value": ".*nginx.*"}]}]}]}
            """);

    assertThat(KubeEventPolicies.of(List.of(withImage)).policies()).isEmpty();
  }

  private static Policy policy(String json) {
    return PolicyReader.parse(json, "test.json").getFirst();
  }

  private static KubeEvent event(Resource resource, String namespace, String user) {
    return new KubeEvent(
        resource, namespace, "web-1", user, List.of("system:authenticated", "developers"));
  }
}
