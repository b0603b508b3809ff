package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.manifest.MapNode;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.engine.TestYaml;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CIS Kubernetes Benchmark section 5 table in {@code docs/compat/cis.md} against kube-bench's
 * definitions of the benchmark and the built-in pack's {@code cis-k8s} tags.
 */
class CisKubernetesCoverageTest {
  private static final Path TABLE = Path.of("..", "docs", "compat", "cis.md");
  private static final String PREFIX = "cis-k8s:";
  private static final Pattern CONTROL = Pattern.compile("5(\\.\\d+){2}");
  private static final Pattern ID = Pattern.compile("`([a-z0-9-]+)`");
  private static final Pattern SUFFIX = Pattern.compile(" \\((Manual|Automated)\\)$");

  /** The controls Bulwark decides with built-in policies that run by default. */
  private static final List<String> CLAIMED =
      List.of(
          "5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.1.5", "5.1.6", "5.1.8", "5.1.9", "5.1.10",
          "5.1.11", "5.1.12", "5.1.13", "5.2.2", "5.2.3", "5.2.4", "5.2.5", "5.2.6", "5.2.7",
          "5.2.8", "5.2.9", "5.2.10", "5.2.11", "5.2.12", "5.3.2", "5.4.1", "5.6.1", "5.6.2",
          "5.6.3", "5.6.4");

  private static Map<String, String> benchmark;
  private static Map<String, Row> rows;
  private static Map<String, Policy> builtins;

  @BeforeAll
  static void read() throws IOException {
    benchmark = sectionFive(ConformanceFolders.find("kube-bench"));
    rows = rows(Files.readAllLines(TABLE, StandardCharsets.UTF_8));
    builtins =
        BuiltinPolicies.all().stream().collect(Collectors.toMap(Policy::id, Function.identity()));
  }

  @Test
  void everyControlOfSectionFiveHasOneRowWithItsTitle() {
    assertThat(benchmark).hasSizeGreaterThan(30);
    assertThat(rows.keySet()).containsExactlyElementsOf(benchmark.keySet());
    rows.values()
        .forEach(row ->
            assertThat(row.title()).as(row.control()).isEqualTo(benchmark.get(row.control())));
  }

  @Test
  void everyClaimedControlIsDecidedByAPolicyThatIsOn() {
    for (String control : CLAIMED) {
      Row row = Objects.requireNonNull(rows.get(control), control);
      assertThat(row.on()).as("policies that are on for %s", control).isNotEmpty();
    }
    List<String> withPolicies =
        rows.values().stream().filter(row -> !row.on().isEmpty()).map(Row::control).toList();
    assertThat(withPolicies).containsExactlyInAnyOrderElementsOf(CLAIMED);
  }

  @Test
  void listedPoliciesExistCarryTheTagAndAreOnOrOffAsListed() {
    for (Row row : rows.values()) {
      for (String id : row.on()) {
        Policy policy = policy(id, row);
        assertThat(policy.disabled()).as("%s is on (%s)", id, row.control()).isFalse();
        assertThat(policy.hasStage(LifecycleStage.DEPLOY)).as(id).isTrue();
      }
      for (String id : row.off()) {
        assertThat(policy(id, row).disabled()).as("%s is off (%s)", id, row.control()).isTrue();
      }
      if (row.on().isEmpty() && row.off().isEmpty()) {
        assertThat(row.notes()).as("why %s has no policy", row.control()).isNotBlank();
      }
    }
  }

  @Test
  void everyCisTagOfTheBuiltInPackIsAControlOfSectionFiveAndListedInItsRow() {
    Set<String> tagged = new TreeSet<>();
    for (Policy policy : builtins.values()) {
      for (String control : policy.controls()) {
        if (!control.startsWith(PREFIX)) {
          continue;
        }
        String id = control.substring(PREFIX.length());
        assertThat(benchmark).as("%s on %s", control, policy.id()).containsKey(id);
        Row row = Objects.requireNonNull(rows.get(id), id);
        assertThat(row.policies()).as("row %s lists %s", id, policy.id()).contains(policy.id());
        tagged.add(id);
      }
    }
    assertThat(tagged).containsAll(CLAIMED);
  }

  private static Policy policy(String id, Row row) {
    Policy policy = builtins.get(id);
    assertThat(policy).as("built-in policy %s named for %s", id, row.control()).isNotNull();
    assertThat(Objects.requireNonNull(policy).controls())
        .as("tags of %s", id)
        .contains(PREFIX + row.control());
    return policy;
  }

  /** Control id to title (without the "(Manual)" mark) of every check in kube-bench's section 5. */
  private static Map<String, String> sectionFive(Path kubeBench) throws IOException {
    Path file = kubeBench.resolve("cfg/cis-1.12/policies.yaml");
    MapNode root = TestYaml.map(Files.readString(file, StandardCharsets.UTF_8));
    Map<String, String> controls = new LinkedHashMap<>();
    for (MapNode group : root.maps("groups")) {
      for (MapNode check : group.maps("checks")) {
        String id = Objects.requireNonNull(check.string("id"), "id");
        String text = Objects.requireNonNull(check.string("text"), "text");
        controls.put(id, SUFFIX.matcher(text).replaceFirst(""));
      }
    }
    return controls;
  }

  private static Map<String, Row> rows(List<String> lines) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : lines) {
      String[] cells = line.split("\\|", -1);
      if (cells.length < 7 || !CONTROL.matcher(cells[1].trim()).matches()) {
        continue;
      }
      Row row =
          new Row(cells[1].trim(), cells[2].trim(), ids(cells[3]), ids(cells[4]), cells[5].trim());
      assertThat(rows.put(row.control(), row)).as("second row for %s", row.control()).isNull();
    }
    return rows;
  }

  private static List<String> ids(String cell) {
    List<String> ids = new ArrayList<>();
    Matcher matcher = ID.matcher(cell);
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return List.copyOf(ids);
  }

  /** One row of the table. */
  private record Row(
      String control, String title, List<String> on, List<String> off, String notes) {
    List<String> policies() {
      List<String> all = new ArrayList<>(on);
      all.addAll(off);
      return all;
    }
  }
}
