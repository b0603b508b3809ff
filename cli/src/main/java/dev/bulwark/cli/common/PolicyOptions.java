package dev.bulwark.cli.common;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.model.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options that choose the policy set: the built-in pack and policy files. */
public final class PolicyOptions {
  @Option(
      names = "--policies",
      paramLabel = "FILE|DIR",
      description =
          "Policy files or directories (StackRox JSON/YAML, export bundles, SecurityPolicy"
              + " resources). Repeatable.")
  List<Path> policyPaths = new ArrayList<>();

  @Option(names = "--no-defaults", description = "Do not load the built-in policy pack.")
  boolean noDefaults;

  /**
   * The built-in pack (unless {@code --no-defaults}) followed by every policy file.
   *
   * @throws dev.bulwark.policy.io.InvalidPolicyException when any policy is invalid
   */
  public List<Policy> load() {
    List<Policy> policies = new ArrayList<>();
    if (!noDefaults) {
      policies.addAll(BuiltinPolicies.all());
    }
    for (Path path : policyPaths) {
      policies.addAll(PolicyReader.read(path));
    }
    return policies;
  }

  /** The paths given with {@code --policies}. */
  public List<Path> paths() {
    return List.copyOf(policyPaths);
  }
}
