package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.framework.Framework;
import dev.bulwark.policy.framework.Framework.Control;
import dev.bulwark.policy.framework.Frameworks;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/compat/kube-linter.md maps every kube-linter check to its policies with both defaults; the
 * table is written by hand (it carries notes), so this test keeps it true to the registries.
 */
class KubeLinterCompatDocTest {
  private static final Path DOC = Path.of("../docs/compat/kube-linter.md");
  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z0-9-]+)` \\| (on|off) \\| ([^|]*) \\| ([^|]*) \\|.*$");

  @Test
  void everyKubeLinterCheckIsListedWithItsPoliciesAndDefaults() throws IOException {
    Framework kubeLinter = Frameworks.byName("kube-linter").orElseThrow();
    Map<String, String> expected = new LinkedHashMap<>();
    for (Control control : kubeLinter.controls()) {
      List<String> ids = new ArrayList<>();
      List<String> defaults = new ArrayList<>();
      for (Policy policy : BuiltinPolicies.all()) {
        if (kubeLinter.controlsOf(policy).contains(control.id())) {
          ids.add("`" + policy.id() + "`");
          defaults.add(policy.disabled() ? "opt-in" : "on");
        }
      }
      expected.put(
          control.id(),
          (control.onByDefault() ? "on" : "off")
              + " | "
              + (ids.isEmpty() ? "—" : String.join(", ", ids))
              + " | "
              + (defaults.isEmpty() ? "—" : String.join(", ", defaults)));
    }

    Map<String, String> documented = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DOC)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        documented.put(
            row.group(1),
            row.group(2) + " | " + row.group(3).strip() + " | " + row.group(4).strip());
      }
    }

    assertThat(documented).containsExactlyEntriesOf(expected);
  }
}
