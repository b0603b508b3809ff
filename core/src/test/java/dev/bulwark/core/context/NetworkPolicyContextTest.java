package dev.bulwark.core.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkPolicyContextTest {
  private static final String API =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: shop}
      spec:
        template:
          metadata:
            labels: {app: api, tier: back}
          spec:
            containers: [{name: api, image: api}]
      ---
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no policy                        | kind: ConfigMap                               | false |"
            + " false",
        "empty selector, no types         | spec: {podSelector: {}}                       | true  |"
            + " false",
        "absent selector selects all      | spec: {ingress: []}                           | true  |"
            + " false",
        "egress rules imply Egress        | spec: {podSelector: {}, egress: [{}]}         | true  |"
            + " true",
        "empty egress list adds nothing   | spec: {podSelector: {}, egress: []}           | true  |"
            + " false",
        "explicit Egress only             | spec: {podSelector: {}, policyTypes: [Egress]} | false"
            + " | true",
        "explicit both                    | spec: {policyTypes: [Ingress, Egress]}        | true  |"
            + " true",
        "matchLabels subset               | spec: {podSelector: {matchLabels: {app: api}}} | true "
            + " | false",
        "matchLabels mismatch             | spec: {podSelector: {matchLabels: {app: web}}} | false"
            + " | false",
        "expression In                    | spec: {podSelector: {matchExpressions: [{key: tier,"
            + " operator: In, values: [back, db]}]}} | true | false",
        "expression NotIn                 | spec: {podSelector: {matchExpressions: [{key: tier,"
            + " operator: NotIn, values: [back]}]}} | false | false",
        "expression Exists                | spec: {podSelector: {matchExpressions: [{key: app,"
            + " operator: Exists}]}} | true | false",
        "expression DoesNotExist          | spec: {podSelector: {matchExpressions: [{key: app,"
            + " operator: DoesNotExist}]}} | false | false",
        "labels AND expressions           | spec: {podSelector: {matchLabels: {app: api},"
            + " matchExpressions: [{key: tier, operator: In, values: [front]}]}} | false | false",
        "unknown operator selects nothing | spec: {podSelector: {matchExpressions: [{key: app,"
            + " operator: Matches}]}} | false | false",
      })
  void findsPoliciesSelectingThePods(
      String description, String body, boolean ingress, boolean egress) {
    String kind = body.startsWith("kind:") ? "" : "kind: NetworkPolicy\n";
    WorkloadContext context =
        ContextFixture.contextOf(
            API
                + "apiVersion: networking.k8s.io/v1\n"
                + kind
                + "metadata: {name: policy, namespace: shop}\n"
                + body
                + "\n");

    assertThat(context.hasIngressPolicy()).as("ingress").isEqualTo(ingress);
    assertThat(context.hasEgressPolicy()).as("egress").isEqualTo(egress);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "networking.k8s.io/v1, elsewhere, false",
    "extensions/v1beta1,   shop,      true",
    "crd.projectcalico.org/v1, shop,  false",
  })
  void onlyKubernetesPoliciesOfTheSameNamespaceCount(
      String apiVersion, String namespace, boolean expected) {
    WorkloadContext context =
        ContextFixture.contextOf(
            API
                + """
                apiVersion: %s
                kind: NetworkPolicy
                metadata: {name: deny-all, namespace: %s}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                """
                    .formatted(apiVersion, namespace));

    assertThat(context.hasIngressPolicy()).isEqualTo(expected);
    assertThat(context.hasEgressPolicy()).isEqualTo(expected);
  }
}
