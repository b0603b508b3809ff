package dev.bulwark.policy.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.workload.VolumeMount;
import dev.bulwark.policy.model.BooleanOperator;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The value formats of StackRox criteria. */
class ValuesTest {
  @ParameterizedTest(name = "{1} {0} -> {2}")
  @CsvSource({
    "7, 7, true",
    "7, 7.0, true",
    "7, 7.5, false",
    ">= 7, 7, true",
    ">=7, 6.9, false",
    "> 7, 7, false",
    "< 0.5, 0.25, true",
    "<= 1024, 1024, true",
    "'  > 0 ', 1, true",
  })
  void comparatorsCompareDecimals(String value, double actual, boolean matches) {
    assertThat(Values.number(value).test(actual)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({"'>'", "'>= '", "'=7'", "seven", "'7 cores'"})
  void malformedComparatorsAreRejected(String value) {
    assertThatThrownBy(() -> Values.number(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void daysMatchAgesOfAtLeastThatManyDays() {
    assertThat(Values.atLeastDays("90").test(90.0)).isTrue();
    assertThat(Values.atLeastDays("90").test(89.9)).isFalse();
    assertThatThrownBy(() -> Values.atLeastDays(">= 90")).hasMessageContaining("whole number");
  }

  @Test
  void constantsIgnoreCaseAndUnderscores() {
    assertThat(Values.constant(VolumeMount.Propagation.class, "host_to_container"))
        .isEqualTo(VolumeMount.Propagation.HOSTTOCONTAINER);
    assertThat(Values.constant(VolumeMount.Propagation.class, "Bidirectional"))
        .isEqualTo(VolumeMount.Propagation.BIDIRECTIONAL);
  }

  @Test
  void capabilitiesAreNormalizedWithoutTheCapPrefix() {
    assertThat(Values.capability("cap_sys_admin")).isEqualTo("SYS_ADMIN");
    assertThat(Values.capability("ALL")).isEqualTo("ALL");
  }

  @Test
  void compoundValuesSplitAtTheFirstEqualsSigns() {
    assertThat(Values.split("RAW=TOKEN=a=b", 3, "x")).containsExactly("RAW", "TOKEN", "a=b");
    assertThat(Values.split("SECRET_KEY==", 3, "x")).containsExactly("SECRET_KEY", "", "");
    assertThatThrownBy(() -> Values.split("RAW", 3, "SOURCE=NAME=VALUE"))
        .hasMessageContaining("SOURCE=NAME=VALUE");
  }

  @Test
  void keyValuePatternsMatchEntriesWithEmptySidesMatchingAnything() {
    Map<String, String> labels = Map.of("team", "payments", "app", "web");

    assertThat(KeyValuePattern.parse("owner|team=.+").presentIn(labels)).isTrue();
    assertThat(KeyValuePattern.parse("owner=").presentIn(labels)).isFalse();
    assertThat(KeyValuePattern.parse("=web").presentIn(labels)).isTrue();
    assertThat(KeyValuePattern.parse("app").presentIn(labels)).isTrue();
    assertThat(KeyValuePattern.parse("app=api").presentIn(labels)).isFalse();
  }

  @Test
  void everyBadValueOfAGroupIsReported() {
    PolicyGroup group =
        new PolicyGroup("Replicas", BooleanOperator.OR, false, List.of("1", "x", "2", "y"));
    List<ValueProblem> problems = new ArrayList<>();

    assertThat(Values.parseAll(group, problems, Values::number)).isNull();
    assertThat(problems).extracting(ValueProblem::valueIndex).containsExactly(1, 3);
  }
}
