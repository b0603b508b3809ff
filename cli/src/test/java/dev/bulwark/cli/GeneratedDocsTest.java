package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.cli.policy.PolicyMarkdown;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The reference docs generated from the registries must match the checked-in files. Regenerate with
 * {@code -Dgolden.update=true} (the test then fails once, so an update never passes silently).
 */
class GeneratedDocsTest {
  private static final Path DOCS = Path.of("..", "docs");

  @Test
  void policiesReferenceIsCurrent() throws IOException {
    check(DOCS.resolve("policies.md"), PolicyMarkdown.policies(BuiltinPolicies.all()));
  }

  @Test
  void criteriaReferenceIsCurrent() throws IOException {
    check(DOCS.resolve("criteria.md"), PolicyMarkdown.criteria());
  }

  private static void check(Path file, String expected) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
      throw new AssertionError(file + " regenerated; re-run without -Dgolden.update");
    }
    assertThat(file).as("%s is missing; run with -Dgolden.update=true", file).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("%s is stale; regenerate with -Dgolden.update=true", file)
        .isEqualTo(expected);
  }
}
