package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.PolicyCompiler;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mapping table in {@code docs/compat/stackrox.md} covers every StackRox default policy: each
 * one with a build or deploy stage names built-in policies that exist and read the same kind of
 * data (image data or manifests only), each runtime-only one says it is left to the sensor.
 */
class StackRoxMappingTest {
  private static final Path TABLE = Path.of("..", "docs", "compat", "stackrox.md");
  private static final String RUNTIME = "runtime: sensor (later issue)";
  private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");
  private static final Pattern FILE_CELL = Pattern.compile("`([A-Za-z0-9_.-]+\\.json)`");
  private static final Pattern ID = Pattern.compile("`([a-z0-9-]+)`");

  private static Map<String, Policy> stackRox;
  private static Map<String, Row> rows;

  @BeforeAll
  static void read() throws IOException {
    stackRox = DefaultPolicies.byStem();
    rows = rows(Files.readAllLines(TABLE, StandardCharsets.UTF_8));
  }

  @Test
  void everyDefaultPolicyHasOneRowUnderItsFileAndName() {
    assertThat(rows.keySet())
        .containsExactlyInAnyOrderElementsOf(
            stackRox.keySet().stream().map(stem -> stem + ".json").toList());
    for (Row row : rows.values()) {
      Policy policy = policyOf(row);
      assertThat(row.name()).as(row.file()).isEqualTo(policy.name());
      assertThat(row.stages())
          .as(row.file())
          .isEqualTo(
              policy.lifecycleStages().stream()
                  .map(stage -> stage.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", ")));
      assertThat(row.shippedOn()).as(row.file()).isEqualTo(policy.disabled() ? "off" : "on");
    }
  }

  @Test
  void buildAndDeployPoliciesMapToBuiltInsAndRuntimeOnesToTheSensor() {
    List<String> mapped = new ArrayList<>();
    for (Row row : rows.values()) {
      Policy policy = policyOf(row);
      if (policy.hasStage(LifecycleStage.BUILD) || policy.hasStage(LifecycleStage.DEPLOY)) {
        assertThat(row.builtins()).as("built-in policies for %s", row.file()).isNotEmpty();
        assertThat(BuiltinPolicies.IDS).as(row.file()).containsAll(row.builtins());
        mapped.add(row.file());
      } else {
        assertThat(row.bulwark()).as(row.file()).isEqualTo(RUNTIME);
      }
    }
    assertThat(mapped).hasSize(53);
  }

  /** An image policy must not map to manifest checks only, nor a manifest policy to image ones. */
  @Test
  void mappedBuiltInsReadTheSameKindOfData() {
    Map<String, Policy> builtins =
        BuiltinPolicies.all().stream().collect(Collectors.toMap(Policy::id, Function.identity()));
    for (Row row : rows.values()) {
      if (row.builtins().isEmpty()) {
        continue;
      }
      List<Policy> targets =
          row.builtins().stream().map(id -> Objects.requireNonNull(builtins.get(id))).toList();
      if (DefaultPolicies.needsImageData(policyOf(row))) {
        assertThat(targets)
            .as("%s reads image data", row.file())
            .anyMatch(StackRoxMappingTest::readsImageData);
      } else {
        assertThat(targets)
            .as("%s is decided from the manifest", row.file())
            .allMatch(target -> target.hasStage(LifecycleStage.DEPLOY) && !readsImageData(target));
      }
    }
  }

  /**
   * Bulwark's policies may flag more than StackRox's (an unset allowPrivilegeEscalation, more
   * secret names, more host directories) but never less: every object that StackRox's policy flags
   * in its conformance fixture, with the test image catalog's scans, is flagged by one of the
   * built-ins it maps to, at their stage and switched on.
   */
  @Test
  void mappedBuiltInsFlagWhatStackRoxFlagsInItsFixtures() {
    Map<String, Policy> builtins =
        BuiltinPolicies.all().stream().collect(Collectors.toMap(Policy::id, Function.identity()));
    List<String> missed = new ArrayList<>();
    for (Row row : rows.values()) {
      String stem = row.file().substring(0, row.file().length() - ".json".length());
      if (row.builtins().isEmpty() || !Files.isRegularFile(Fixture.fileOf(stem))) {
        continue;
      }
      Fixture fixture = Fixture.read(stem);
      for (ManifestObject object : fixture.objects()) {
        if (Expectation.withImageData(object).orElse(Expectation.DONT_FIRE) != Expectation.FIRE) {
          continue;
        }
        boolean flagged =
            row.builtins().stream()
                .map(id -> Objects.requireNonNull(builtins.get(id)))
                .anyMatch(builtin -> violates(fixture, builtin, object));
        if (!flagged) {
          missed.add(row.file() + ": " + object.name() + " is not flagged by " + row.builtins());
        }
      }
    }
    assertThat(missed).isEmpty();
  }

  private static boolean violates(Fixture fixture, Policy builtin, ManifestObject object) {
    CompiledPolicySet compiled =
        PolicyCompiler.compile(List.of(builtin.withDisabled(false)), List.of());
    LifecycleStage stage = builtin.lifecycleStages().getFirst();
    return fixture.evaluate(compiled, object, new ImageCatalog(), stage).stream()
        .anyMatch(outcome -> outcome.status() == PolicyOutcome.Status.VIOLATED);
  }

  private static boolean readsImageData(Policy policy) {
    return PolicyCompiler.compile(List.of(policy), List.of())
        .policies()
        .getFirst()
        .requiresImageData();
  }

  private static Policy policyOf(Row row) {
    String stem = row.file().substring(0, row.file().length() - ".json".length());
    return Objects.requireNonNull(stackRox.get(stem), row.file());
  }

  private static Map<String, Row> rows(List<String> lines) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : lines) {
      if (!line.startsWith("|")) {
        continue;
      }
      String[] cells = CELL_SEPARATOR.split(line.substring(1), -1);
      if (cells.length < 6) {
        continue;
      }
      Matcher file = FILE_CELL.matcher(cells[1].trim());
      if (!file.matches()) {
        continue;
      }
      Row row =
          new Row(
              cells[0].trim().replace("\\|", "|"),
              file.group(1),
              cells[2].trim(),
              cells[3].trim(),
              cells[4].trim());
      assertThat(rows.put(row.file(), row)).as("second row for %s", row.file()).isNull();
    }
    return rows;
  }

  /** One row of the table, cells as written. */
  private record Row(String name, String file, String stages, String shippedOn, String bulwark) {
    List<String> builtins() {
      List<String> ids = new ArrayList<>();
      Matcher matcher = ID.matcher(bulwark);
      while (matcher.find()) {
        ids.add(matcher.group(1));
      }
      return ids;
    }
  }
}
