package dev.bulwark.policy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.model.PolicyGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * StackRox's 89 default policies from the shared conformance data, each read through {@link
 * PolicyReader} on its own so that it keeps its file name. Missing data fails on CI and skips
 * elsewhere.
 */
final class DefaultPolicies {
  private DefaultPolicies() {}

  /** The folder of the policy files. */
  static Path directory() {
    return ConformanceFolders.find("stackrox-policies");
  }

  /** The JSON files of the folder, sorted by name. */
  static List<Path> files() {
    try (Stream<Path> listing = Files.list(directory())) {
      return listing.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every policy by file stem ({@code privileged} for {@code privileged.json}), sorted. */
  static Map<String, Policy> byStem() {
    Map<String, Policy> policies = new TreeMap<>();
    for (Path file : files()) {
      List<Policy> read = PolicyReader.read(file);
      assertThat(read).as("policies in %s", file.getFileName()).hasSize(1);
      policies.put(stem(file), read.getFirst());
    }
    return policies;
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  /**
   * The same policy, enabled: a quarter of the defaults ship disabled and the engine skips those,
   * but conformance covers them all.
   */
  static Policy enabled(Policy policy) {
    return new Policy(
        policy.id(),
        policy.name(),
        policy.description(),
        policy.rationale(),
        policy.remediation(),
        false,
        policy.categories(),
        policy.lifecycleStages(),
        policy.eventSource(),
        policy.exclusions(),
        policy.scope(),
        policy.severity(),
        policy.enforcementActions(),
        policy.notifiers(),
        policy.policyVersion(),
        policy.sections(),
        policy.mitreAttackVectors(),
        policy.criteriaLocked(),
        policy.mitreVectorsLocked(),
        policy.isDefault(),
        policy.skipContainerTypes(),
        policy.controls(),
        policy.rules(),
        policy.checks());
  }

  static boolean isDeployTime(Policy policy) {
    return policy.hasStage(LifecycleStage.DEPLOY);
  }

  /** True when some criterion reads image metadata or scan results. */
  static boolean needsImageData(Policy policy) {
    return policy.sections().stream()
        .flatMap(section -> section.groups().stream())
        .map(PolicyGroup::fieldName)
        .anyMatch(
            name -> PolicyField.byName(name).map(PolicyField::requiresImageData).orElse(false));
  }
}
