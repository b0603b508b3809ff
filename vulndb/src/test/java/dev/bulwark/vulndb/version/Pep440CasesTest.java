package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.vulndb.ConformanceData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The version cases of Python packaging's own tests: ordering, validity, normalisation and
 * pre-release detection. The specifier cases ({@code specifier_contains}, {@code
 * specifiers_invalid}) are about ranges, which this package does not handle yet.
 */
class Pep440CasesTest {
  private static final VersionComparator PEP440 = VersionComparators.of(VersionScheme.PEP440);
  private static JsonNode cases = new ObjectMapper().nullNode();

  @BeforeAll
  static void read() throws IOException {
    cases =
        new ObjectMapper()
            .readTree(ConformanceData.path("version-vectors/pep440/pep440-cases.json").toFile());
  }

  private static List<JsonNode> section(String name) {
    List<JsonNode> items = new ArrayList<>();
    cases.path(name).path("cases").forEach(items::add);
    assertThat(items).as(name).isNotEmpty();
    return items;
  }

  @Test
  void everyPairOfTheAscendingListOrdersByItsPositions() {
    List<String> versions = section("versions_ascending").stream().map(JsonNode::asText).toList();
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (int i = 0; i < versions.size(); i++) {
      for (int j = 0; j < versions.size(); j++) {
        int expected = Integer.compare(i, j);
        if (Integer.signum(PEP440.compare(versions.get(i), versions.get(j))) != expected) {
          failures.add(versions.get(i) + " vs " + versions.get(j) + ": expected " + expected);
        }
        checked++;
      }
    }
    System.out.printf(
        "pep440-cases.json versions_ascending: %d versions, %d ordered pairs checked%n",
        versions.size(), checked);
    assertThat(failures).isEmpty();
    assertThat(versions).allMatch(PEP440::isValid);
  }

  @Test
  void invalidVersionsAreRejected() {
    List<String> invalid = section("invalid_versions").stream().map(JsonNode::asText).toList();
    System.out.printf("pep440-cases.json invalid_versions: %d checked%n", invalid.size());
    assertThat(invalid).noneMatch(PEP440::isValid);
  }

  @Test
  void versionsNormaliseAsPackagingDoes() {
    List<JsonNode> normalized = section("normalized_versions");
    List<String> failures = new ArrayList<>();
    for (JsonNode pair : normalized) {
      String input = pair.get(0).asText();
      String expected = pair.get(1).asText();
      String actual = Pep440Version.parse(input).toString();
      if (!actual.equals(expected) || PEP440.compare(input, expected) != 0) {
        failures.add(input + " -> " + actual + ", expected " + expected);
      }
    }
    System.out.printf("pep440-cases.json normalized_versions: %d checked%n", normalized.size());
    assertThat(failures).isEmpty();
  }

  @Test
  void preReleasesAreRecognised() {
    List<JsonNode> prerelease = section("is_prerelease");
    System.out.printf("pep440-cases.json is_prerelease: %d checked%n", prerelease.size());
    for (JsonNode pair : prerelease) {
      assertThat(Pep440Version.parse(pair.get(0).asText()).isPrerelease())
          .as(pair.get(0).asText())
          .isEqualTo(pair.get(1).asBoolean());
    }
  }
}
