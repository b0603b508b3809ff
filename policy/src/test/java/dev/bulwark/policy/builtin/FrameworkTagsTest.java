package dev.bulwark.policy.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The framework vocabulary documented in {@code docs/compat/frameworks.md} is exactly the one the
 * built-in pack uses, for the frameworks that page defines ids for.
 */
class FrameworkTagsTest {
  private static final Path PAGE = Path.of("..", "docs", "compat", "frameworks.md");
  private static final List<String> FRAMEWORKS =
      List.of("nsa-cisa", "nist-800-190", "nist-800-53", "mitre-attack");
  private static final Pattern ROW_ID =
      Pattern.compile(
          "^\\| `((?:nsa-cisa|nist-800-190|nist-800-53|mitre-attack):[a-z0-9.-]+)` \\|");

  @Test
  void everyTagOfTheseFrameworksIsDocumentedAndEveryDocumentedIdIsUsed() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(PAGE, StandardCharsets.UTF_8)) {
      Matcher matcher = ROW_ID.matcher(line);
      if (matcher.find()) {
        assertThat(documented.add(matcher.group(1))).as("listed twice: %s", line).isTrue();
      }
    }
    Set<String> used = new TreeSet<>();
    for (Policy policy : BuiltinPolicies.all()) {
      for (String control : policy.controls()) {
        if (FRAMEWORKS.contains(control.substring(0, control.indexOf(':')))) {
          used.add(control);
        }
      }
    }

    assertThat(used).isNotEmpty();
    assertThat(documented).containsExactlyElementsOf(used);
  }

  @Test
  void everyBuiltInPolicyIsTaggedWithNoControlTwice() {
    for (Policy policy : BuiltinPolicies.all()) {
      assertThat(policy.controls()).as(policy.id()).doesNotHaveDuplicates();
    }
  }
}
