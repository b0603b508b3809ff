package dev.bulwark.policy.cel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariableUsageTest {
  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "container.name == 'app' => true",
        "has(container.securityContext.privileged) => true",
        "object.kind == 'Pod' || container.type == 'INIT' => true",
        "container.ports.exists(container, container.hostPort > 0) => true",
        "workload.containers.exists(container, container.name == 'app') => false",
        "workload.containers.all(c, c.name != 'container') => false",
        "object.spec.container == 'x' => false",
        "object.kind == 'container' => false",
        "[1].map(container, container + 1).size() == 1 => false",
      })
  void findsReadsOfTheVariableNotOfLookalikes(String expression, boolean reads) throws Exception {
    var ast = CelEnvironment.compile(expression).getAst();

    assertThat(VariableUsage.reads(ast, CelEnvironment.CONTAINER)).isEqualTo(reads);
  }
}
