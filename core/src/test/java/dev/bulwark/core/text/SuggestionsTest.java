package dev.bulwark.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
  private static final List<String> FIELDS =
      List.of(
          "Privileged Container",
          "Host Network",
          "Host PID",
          "Allow Privilege Escalation",
          "Process Name");

  @ParameterizedTest
  @CsvSource({
    "privileged container, Privileged Container",
    "Privileged, Privileged Container",
    "Host Networking, Host Network",
    "Proces Name, Process Name",
    "Privilege Escalation, Allow Privilege Escalation"
  })
  void suggestsTheIntendedName(String typed, String expected) {
    assertThat(Suggestions.closest(typed, FIELDS)).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"Replicas", "xy", "''"})
  void staysSilentWhenNothingIsClose(String typed) {
    assertThat(Suggestions.closest(typed, FIELDS)).isEmpty();
  }
}
