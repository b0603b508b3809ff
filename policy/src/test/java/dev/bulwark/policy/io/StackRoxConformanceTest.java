package dev.bulwark.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 89 StackRox default policies load unchanged, validate, and survive every writer. */
class StackRoxConformanceTest {
  private static Path folder;
  private static List<Policy> policies;

  @BeforeAll
  static void readAll() {
    folder = ConformanceData.stackRoxPolicies();
    policies = PolicyReader.read(folder);
  }

  @Test
  void everyDefaultPolicyLoads() {
    assertThat(policies).hasSize(89);
    assertThat(policies).extracting(Policy::name).doesNotHaveDuplicates();
    assertThat(policies).extracting(Policy::id).doesNotHaveDuplicates();
  }

  @Test
  void everyCriterionIsAKnownField() {
    List<String> fieldNames =
        policies.stream()
            .flatMap(policy -> policy.sections().stream())
            .flatMap(section -> section.groups().stream())
            .map(PolicyGroup::fieldName)
            .toList();
    assertThat(fieldNames)
        .isNotEmpty()
        .allSatisfy(name -> assertThat(PolicyField.byExactName(name)).isPresent());
  }

  @Test
  void policiesAreReadInFileOrderWithTheirContent() {
    Policy first = policies.getFirst();
    assertThat(first.name()).isEqualTo("OpenShift: Central Admin Secret Accessed");
    assertThat(first.sections().getFirst().groups())
        .extracting(PolicyGroup::fieldName)
        .containsExactly(
            "Kubernetes Resource",
            "Kubernetes API Verb",
            "Kubernetes Resource Name",
            "Kubernetes User Name");
    assertThat(first.mitreAttackVectors()).hasSize(2);
  }

  @Test
  void eachPolicyWritesBackAsTheFileStackRoxShips() throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    for (Path file : files()) {
      String original = Files.readString(file);
      Policy policy = PolicyReader.parse(original, file.toString()).getFirst();
      String written = PolicyWriter.toStackRoxJson(policy);
      JsonNode expected = mapper.readTree(original);
      if (expected.has("lastUpdated")) {
        // Bulwark does not keep StackRox's edit timestamp; everything else must survive.
        ((ObjectNode) expected).remove("lastUpdated");
        assertThat(mapper.readTree(written)).as(file.toString()).isEqualTo(expected);
      } else {
        assertThat(written).as(file.toString()).isEqualTo(original);
      }
    }
  }

  @Test
  void exportBundleRoundTripsToEqualRecords() {
    String bundle = PolicyWriter.toStackRoxJson(policies);
    assertThat(PolicyReader.parse(bundle, "bundle.json")).isEqualTo(policies);
  }

  @Test
  void securityPolicyResourcesRoundTripToEqualRecords() {
    String resources = PolicyWriter.toSecurityPolicyYaml(policies);
    assertThat(PolicyReader.parse(resources, "policies.yaml")).isEqualTo(policies);
  }

  private static List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    }
  }
}
