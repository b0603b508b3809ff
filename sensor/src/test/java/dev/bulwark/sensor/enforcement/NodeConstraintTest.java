package dev.bulwark.sensor.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeConstraintTest {
  private static final String LABEL_VALUE = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";

  @Test
  void aValidLabelValueIsThePolicyIdItself() {
    assertThat(NodeConstraint.value("a919ccaf-6b43-4160-ac5d-a405e1440a41"))
        .isEqualTo("a919ccaf-6b43-4160-ac5d-a405e1440a41");
    assertThat(NodeConstraint.value("privileged-container")).isEqualTo("privileged-container");
  }

  @Test
  void anInvalidIdBecomesAValidValueThatStillNamesIt() {
    String value = NodeConstraint.value("Team A: no latest tag!");
    assertThat(value).matches(LABEL_VALUE).startsWith("Team-A--no-latest-tag-");
  }

  @Test
  void aLongIdIsCutAndDistinctIdsStayDistinct() {
    String first = NodeConstraint.value("x".repeat(100) + "1");
    String second = NodeConstraint.value("x".repeat(100) + "2");
    assertThat(first).matches(LABEL_VALUE).hasSizeLessThanOrEqualTo(63);
    assertThat(second).matches(LABEL_VALUE).isNotEqualTo(first);
  }

  @Test
  void anIdWithoutAnyValidCharacterIsItsHash() {
    assertThat(NodeConstraint.value("!!!")).matches("[0-9a-f]{8}");
  }
}
