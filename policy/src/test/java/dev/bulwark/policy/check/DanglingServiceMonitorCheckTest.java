package dev.bulwark.policy.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.check.CheckHarness.Found;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DanglingServiceMonitorCheckTest {
  private static final String SERVICES =
      """
      apiVersion: v1
      kind: Service
      metadata: {name: api, namespace: shop, labels: {app: api}}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: db, namespace: data, labels: {app: db}}
      ---
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "same namespace               | shop | selector: {matchLabels: {app: api}} |",
        "no namespace: any counts     |                 | selector: {matchLabels: {app: db}}  |",
        "any namespace                | shop | selector: {matchLabels: {app: db}},"
            + " namespaceSelector: {any: true} |",
        "named namespace              | mon  | selector: {matchLabels: {app: db}},"
            + " namespaceSelector: {matchNames: [data]} |",
        "namespaces only              | mon  | namespaceSelector: {matchNames: [data]} |",
        "expressions                  |                 | selector: {matchExpressions: [{key: app,"
            + " operator: In, values: [api]}]} |",
        "other namespace              | shop | selector: {matchLabels: {app: db}} |"
            + " The selector app=db matches no Service in namespace \"shop\" of the input",
        "wrong label                  |                 | selector: {matchLabels: {app: web}} |"
            + " The selector app=web matches no Service of the input",
        "wrong named namespaces       | mon  | selector: {matchLabels: {app: api}},"
            + " namespaceSelector: {matchNames: [x, data]} | The selector app=api matches no"
            + " Service in namespaces \"data\", \"x\" of the input",
        "empty namespace              |                 | namespaceSelector: {matchNames: [x]} |"
            + " The selector <everything> matches no Service in namespace \"x\" of the input",
      })
  void matchesServicesByLabelsAndNamespaces(
      String description, @Nullable String namespace, String spec, @Nullable String expected) {
    String yaml =
        SERVICES
            + "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: m"
            + (namespace == null ? "" : ", namespace: " + namespace)
            + "}\nspec: {"
            + spec
            + "}\n";

    var found = CheckHarness.run(new DanglingServiceMonitorCheck(), yaml);

    if (expected == null) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).extracting(Found::message).containsExactly(expected);
      assertThat(found.get(0).line()).isEqualTo(12);
    }
  }
}
