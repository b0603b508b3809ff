package dev.bulwark.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The name, description and control formats, checked without a regex engine. */
class MetadataFormatTest {
  @ParameterizedTest(name = "name \"{0}\": {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Host PID | true",
        "abcd | false",
        "abcde | true",
        "Costs $5 | false",
        "'line\nbreak' | false",
        "'carriage\rreturn' | false",
        "Ünïcödé | true",
      })
  void names(String name, boolean valid) {
    assertThat(PolicyValidator.isValidName(name)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "name of {0} characters: {1}")
  @CsvSource({"128, true", "129, false"})
  void nameLengthIsCountedInCharacters(int length, boolean valid) {
    assertThat(PolicyValidator.isValidName("😀".repeat(length))).isEqualTo(valid);
  }

  @ParameterizedTest(name = "description of {0} characters: {1}")
  @CsvSource({"0, true", "800, true", "801, false"})
  void descriptionsAreAtMost800Characters(int length, boolean valid) {
    assertThat(PolicyValidator.isValidDescription("d".repeat(length))).isEqualTo(valid);
    assertThat(PolicyValidator.isValidDescription("costs $5")).isFalse();
    assertThat(PolicyValidator.isValidDescription("two\nlines")).isTrue();
  }

  @ParameterizedTest(name = "control \"{0}\": {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cis-k8s:5.2.2 | true",
        "pss:restricted:runAsNonRoot | true",
        "nist-800-53:ac-6 | true",
        "kube_linter.v2:x | true",
        "CIS:5.2.2 | false",
        "-cis:5.2.2 | false",
        "cis 5.2.2 | false",
        "cis: 5.2.2 | false",
        "cis: | false",
        ":5.2.2 | false",
        "cis+k8s:5.2.2 | false",
      })
  void controls(String control, boolean valid) {
    assertThat(PolicyValidator.isValidControl(control)).isEqualTo(valid);
  }
}
