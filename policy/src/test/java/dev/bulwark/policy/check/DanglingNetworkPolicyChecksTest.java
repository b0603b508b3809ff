package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.check.CheckHarness.Found;
import org.junit.jupiter.api.Test;

/**
 * The two NetworkPolicy checks: the policy's own podSelector, and the podSelectors of its peers.
 */
class DanglingNetworkPolicyChecksTest {
  private static final String INPUT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        template:
          metadata: {labels: {app: api}}
          spec:
            containers: [{name: api, image: api:1}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: api, namespace: shop}
      spec:
        podSelector:
          matchLabels: {app: api}
        ingress:
          - from:
              - podSelector:
                  matchLabels: {app: web}
              - podSelector: {matchLabels: {app: api}}
              - namespaceSelector: {}
                podSelector: {matchLabels: {app: monitoring}}
              - podSelector: {}
        egress:
          - to:
              - podSelector:
                  matchExpressions: [{key: app, operator: In, values: [db, cache]}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: typo, namespace: shop}
      spec:
        podSelector:
          matchLabels: {app: apі}
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: default-deny, namespace: empty}
      spec:
        podSelector: {}
        policyTypes: [Ingress, Egress]
      """;

  @Test
  void aPolicySelectingNoPodsIsReportedAtItsPodSelector() {
    assertThat(CheckHarness.run(new DanglingNetworkPolicyCheck(), INPUT))
        .containsExactly(
            new Found(
                "typo",
                "The podSelector app=apі matches the pods of no workload in namespace \"shop\" of"
                    + " the input, so the policy isolates nothing",
                "spec.podSelector",
                33));
  }

  @Test
  void peersSelectingNoPodsOfTheNamespaceAreReportedEach() {
    assertThat(CheckHarness.run(new DanglingNetworkPolicyPeerCheck(), INPUT))
        .containsExactly(
            new Found(
                "api",
                "The ingress peer podSelector app=web matches the pods of no workload in namespace"
                    + " \"shop\" of the input",
                "spec.ingress[0].from[0].podSelector",
                18),
            new Found(
                "api",
                "The egress peer podSelector app in (cache,db) matches the pods of no workload in"
                    + " namespace \"shop\" of the input",
                "spec.egress[0].to[0].podSelector",
                26));
  }
}
