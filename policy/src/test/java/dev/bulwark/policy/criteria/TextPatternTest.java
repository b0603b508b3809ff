package dev.bulwark.policy.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TextPatternTest {
  @ParameterizedTest(name = "{0} vs \"{1}\" -> {2}")
  @CsvSource({
    "latest, latest, true",
    "latest, LATEST, true",
    "latest, latest-1, false",
    "latest, my-latest, false",
    "tcp, TCP, true",
    "kube-.*, kube-system, true",
    "kube-.*, not-kube-system, false",
    "r/.*kubernetesui/dashboard.*, docker.io/kubernetesui/dashboard, true",
    "registry.io, registry.io, true",
    "registry.io, registryXio, true",
    "'a|b', b, true",
    "'a|b', ab, false",
    ".*, '', true",
  })
  void matchesTheWholeTextIgnoringCase(String pattern, String text, boolean matches) {
    assertThat(TextPattern.compile(pattern).matches(text)).isEqualTo(matches);
  }

  @ParameterizedTest
  @CsvSource({
    "'(unclosed', is not a valid RE2",
    "' ', must not be blank",
    "'r/', must not be blank"
  })
  void rejectsInvalidOrBlankExpressions(String pattern, String reason) {
    assertThatThrownBy(() -> TextPattern.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @CsvSource({"'(?=lookahead)'", "'\\1'"})
  void rejectsBacktrackingOnlyConstructsThatRe2DoesNotSupport(String pattern) {
    assertThatThrownBy(() -> TextPattern.compile(pattern))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyOptionalPatternMatchesEverything() {
    assertThat(TextPattern.compileOptional("").matches("anything\nat all")).isTrue();
  }

  @ParameterizedTest(name = "{0} vs \"{1}\"")
  @MethodSource("simpleAndRegexCases")
  void directMatchingAgreesWithRe2(String pattern, String text) {
    boolean expected = Pattern.compile("(?i)(?:" + pattern + ")").matcher(text).matches();

    assertThat(TextPattern.compile(pattern).matches(text)).isEqualTo(expected);
  }

  static Stream<Arguments> simpleAndRegexCases() {
    List<String> patterns =
        List.of(
            "kube-system",
            "haproxy-.*",
            ".*-proxy",
            ".*SECRET.*|.*PASSWORD.*",
            "(/etc/.*|/sys/.*|/var/.*)",
            "(?:a|b)",
            "a|",
            "docker.io",
            ".",
            ".*",
            "a.*b");
    List<String> texts =
        List.of(
            "",
            "kube-system",
            "KUBE-SYSTEM",
            "kube-systems",
            "haproxy-",
            "haproxy-1",
            "istio-proxy",
            "db_password",
            "MY_SECRET_KEY",
            "/etc/passwd",
            "/etcetera",
            "b",
            "a",
            "dockerXio",
            "x",
            "line\nbreak",
            "haproxy-\nx",
            "axxb");
    return patterns.stream()
        .flatMap(pattern -> texts.stream().map(text -> Arguments.of(pattern, text)));
  }
}
