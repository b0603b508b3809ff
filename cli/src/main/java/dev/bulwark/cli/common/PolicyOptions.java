package dev.bulwark.cli.common;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.io.Suggestions;
import dev.bulwark.policy.model.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options that choose the policy set: the built-in pack, policy files, then a selection by
 * framework and by policy. A policy's {@code disabled} flag means "off unless enabled": {@code
 * --enable} turns such a policy on (built-in opt-in checks), {@code --disable} turns any off.
 */
public final class PolicyOptions {
  @Option(
      names = "--policies",
      paramLabel = "FILE|DIR",
      description =
          "Policy files or directories (StackRox JSON/YAML, export bundles, SecurityPolicy"
              + " resources). Repeatable.")
  List<Path> policyPaths = new ArrayList<>();

  @Option(
      names = "--no-defaults",
      description =
          "Do not load the built-in policy pack (Pod Security admission findings, which the"
              + " input's Namespace labels ask for, stay on; --disable them by id).")
  boolean noDefaults;

  @Option(
      names = "--framework",
      paramLabel = "NAME",
      description =
          "Only policies tagged with a control of this framework (cis-k8s, kube-linter, pss,"
              + " ...). Repeatable: any of them.")
  List<String> frameworks = new ArrayList<>();

  @Option(
      names = "--enable",
      paramLabel = "ID",
      description = "Turn on a policy that is off by default (by id or name). Repeatable.")
  List<String> enabled = new ArrayList<>();

  @Option(
      names = "--disable",
      paramLabel = "ID",
      description = "Turn off a policy (by id or name). Repeatable.")
  List<String> disabled = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  private List<String> generatedIds = List.of();

  /**
   * The built-in pack (unless {@code --no-defaults}) followed by every policy file, narrowed to the
   * chosen frameworks, with {@code --enable} and {@code --disable} applied.
   *
   * @throws dev.bulwark.policy.io.InvalidPolicyException when any policy is invalid
   * @throws CommandLine.ParameterException when a framework or a policy named in the selection
   *     matches nothing
   */
  public List<Policy> load() {
    return load(List.of());
  }

  /**
   * Like {@link #load()}, where {@code generatedIds} are built-in policies that are not in the pack
   * (their findings are produced by the command itself) but that the selection options may name.
   */
  public List<Policy> load(List<String> generatedIds) {
    this.generatedIds = List.copyOf(generatedIds);
    List<Policy> policies = new ArrayList<>();
    if (!noDefaults) {
      policies.addAll(BuiltinPolicies.all());
    }
    for (Path path : policyPaths) {
      policies.addAll(PolicyReader.read(path));
    }
    return select(policies);
  }

  private List<Policy> select(List<Policy> policies) {
    for (String id : enabled) {
      requireKnown(id, policies, "--enable");
    }
    for (String id : disabled) {
      requireKnown(id, policies, "--disable");
    }
    for (String framework : frameworks) {
      if (policies.stream().noneMatch(policy -> inFramework(policy, framework))) {
        throw usageError(
            "--framework "
                + framework
                + ": no policy has a control of that framework; known: "
                + String.join(", ", frameworks(policies)));
      }
    }
    List<Policy> selected = new ArrayList<>();
    for (Policy policy : policies) {
      if (!frameworks.isEmpty()
          && frameworks.stream().noneMatch(framework -> inFramework(policy, framework))) {
        continue;
      }
      if (names(policy, disabled)) {
        selected.add(policy.withDisabled(true));
      } else if (names(policy, enabled)) {
        selected.add(policy.withDisabled(false));
      } else {
        selected.add(policy);
      }
    }
    return selected;
  }

  /**
   * Which of the built-in {@code generatedIds} (policies of {@code framework} produced by the
   * command, not in the pack) the selection leaves on: none when {@code --framework} names other
   * frameworks only, none that {@code --disable} names. {@code --no-defaults} leaves them on: they
   * report what the input itself configures (such as Namespaces' Pod Security labels), not the
   * pack's opinions.
   */
  public Set<String> selectedAmong(List<String> generatedIds, String framework) {
    if (!frameworks.isEmpty() && !frameworks.contains(framework)) {
      return Set.of();
    }
    Set<String> selected = new TreeSet<>(generatedIds);
    selected.removeAll(disabled);
    return selected;
  }

  private void requireKnown(String id, List<Policy> policies, String option) {
    if (policies.stream().anyMatch(policy -> names(policy, List.of(id)))
        || generatedIds.contains(id)) {
      return;
    }
    List<String> ids = new ArrayList<>(policies.stream().map(Policy::id).toList());
    ids.addAll(generatedIds);
    throw usageError(
        option
            + " "
            + id
            + ": no such policy"
            + Suggestions.closest(id, ids)
                .map(match -> "; did you mean " + match + "?")
                .orElse(""));
  }

  private static boolean names(Policy policy, List<String> idsOrNames) {
    for (String idOrName : idsOrNames) {
      if (policy.id().equals(idOrName) || policy.name().equalsIgnoreCase(idOrName)) {
        return true;
      }
    }
    return false;
  }

  private static boolean inFramework(Policy policy, String framework) {
    String prefix = framework.toLowerCase(Locale.ROOT) + ":";
    return policy.controls().stream().anyMatch(control -> control.startsWith(prefix));
  }

  private static Set<String> frameworks(List<Policy> policies) {
    Set<String> names = new TreeSet<>();
    for (Policy policy : policies) {
      for (String control : policy.controls()) {
        names.add(control.substring(0, control.indexOf(':')));
      }
    }
    return names;
  }

  private CommandLine.ParameterException usageError(String message) {
    return new CommandLine.ParameterException(command.commandLine(), message);
  }

  /** The paths given with {@code --policies}. */
  public List<Path> paths() {
    return List.copyOf(policyPaths);
  }
}
