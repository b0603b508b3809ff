package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vulndb.ConformanceData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * node-semver's fixtures for plain versions: comparisons, equality, valid and invalid versions.
 * Bulwark's SEMVER scheme parses as node-semver's loose mode, so the loose option of a case does
 * not matter. The range fixtures are out of scope until ranges are matched.
 */
class NodeSemverCasesTest {
  private static final VersionComparator SEMVER = VersionComparators.of(VersionScheme.SEMVER);

  /**
   * Invalid-version reasons Bulwark deliberately accepts: numbers beyond JavaScript's safe integers
   * are compared exactly instead of being rejected, since advisories contain them.
   */
  private static final Set<String> ACCEPTED_ON_PURPOSE = Set.of("too big");

  private static List<JsonNode> cases(String file) throws IOException {
    JsonNode root =
        new ObjectMapper()
            .readTree(ConformanceData.path("version-vectors/node-semver/" + file).toFile());
    List<JsonNode> items = new ArrayList<>();
    root.path("cases").forEach(items::add);
    assertThat(items).as(file).isNotEmpty();
    return items;
  }

  @Test
  void theFirstVersionOfEveryComparisonIsGreater() throws IOException {
    List<JsonNode> comparisons = cases("comparisons.json");
    for (JsonNode pair : comparisons) {
      String greater = pair.get(0).asText();
      String smaller = pair.get(1).asText();
      assertThat(SEMVER.compare(greater, smaller)).as(greater + " > " + smaller).isPositive();
      assertThat(SEMVER.compare(smaller, greater)).as(smaller + " < " + greater).isNegative();
    }
    System.out.printf("node-semver comparisons.json: %d checked%n", comparisons.size());
  }

  @Test
  void equivalentVersionsCompareEqual() throws IOException {
    List<JsonNode> equalities = cases("equality.json");
    for (JsonNode pair : equalities) {
      String left = pair.get(0).asText();
      String right = pair.get(1).asText();
      assertThat(SEMVER.compare(left, right)).as(left + " = " + right).isZero();
      assertThat(SEMVER.compare(right, left)).as(right + " = " + left).isZero();
    }
    System.out.printf("node-semver equality.json: %d checked%n", equalities.size());
  }

  @Test
  void validVersionsParseToTheirParts() throws IOException {
    List<JsonNode> valid = cases("valid-versions.json");
    for (JsonNode item : valid) {
      String version = item.get(0).asText();
      StringBuilder canonical =
          new StringBuilder()
              .append(item.get(1).asText())
              .append('.')
              .append(item.get(2).asText())
              .append('.')
              .append(item.get(3).asText());
      List<String> prerelease = new ArrayList<>();
      item.get(4).forEach(identifier -> prerelease.add(identifier.asText()));
      if (!prerelease.isEmpty()) {
        canonical.append('-').append(String.join(".", prerelease));
      }
      assertThat(SEMVER.isValid(version)).as(version).isTrue();
      assertThat(SEMVER.compare(version, canonical.toString())).as(version).isZero();
    }
    System.out.printf("node-semver valid-versions.json: %d checked%n", valid.size());
  }

  @Test
  void invalidVersionsAreRejected() throws IOException {
    int checked = 0;
    for (JsonNode item : cases("invalid-versions.json")) {
      // Non-string values test JavaScript's type checks; a String cannot be anything else.
      if (!item.get(0).isTextual() || ACCEPTED_ON_PURPOSE.contains(item.get(1).asText())) {
        continue;
      }
      assertThat(SEMVER.isValid(item.get(0).asText())).as(item.toString()).isFalse();
      checked++;
    }
    System.out.printf("node-semver invalid-versions.json: %d checked%n", checked);
    assertThat(checked).isPositive();
  }
}
