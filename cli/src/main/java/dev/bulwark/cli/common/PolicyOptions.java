package dev.bulwark.cli.common;

import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.kubelinter.KubeLinterConfig;
import dev.bulwark.policy.kubelinter.KubeLinterSelection;
import dev.bulwark.policy.model.Policy;
import dev.bulwark.policy.selection.InvalidSelectionException;
import dev.bulwark.policy.selection.PolicySelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options that choose the policy set: the built-in pack, policy files, then a selection by
 * framework and by policy. A policy's {@code disabled} flag means "off unless enabled": {@code
 * --enable} turns such a policy on (built-in opt-in checks), {@code --disable} turns any off.
 *
 * <p>{@code --framework} keeps the policies tagged with a control of one of the named frameworks.
 * Which of them are on follows the framework when it decides its own defaults: with {@code
 * kube-linter}, exactly the policies for the checks kube-linter runs by default, whatever the
 * policies' own flags; otherwise each policy's flag. {@code --enable} adds a policy to the
 * selection even outside the frameworks; {@code --disable} wins over everything.
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
              + " ...), on as the framework turns them on by default: kube-linter runs its"
              + " default checks. Repeatable: any of them.")
  List<String> frameworks = new ArrayList<>();

  @Option(
      names = "--kube-linter-config",
      paramLabel = "FILE",
      description =
          "A kube-linter configuration (.kube-linter.yaml): its custom checks run as policies and"
              + " its checks section (include, exclude, addAllBuiltIn, doNotAutoAddDefaults)"
              + " selects among kube-linter's checks. Implies --framework kube-linter.")
  @Nullable Path kubeLinterConfig;

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
   * The built-in pack (unless {@code --no-defaults}), every policy file and the custom checks of
   * the kube-linter configuration, narrowed to the chosen frameworks, with {@code --enable} and
   * {@code --disable} applied.
   *
   * @throws dev.bulwark.policy.io.InvalidPolicyException when any policy, or the kube-linter
   *     configuration, is invalid
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
    KubeLinterSelection kubeLinter = null;
    if (kubeLinterConfig != null) {
      KubeLinterConfig config = KubeLinterConfig.read(kubeLinterConfig);
      policies.addAll(config.customChecks());
      kubeLinter = config.selection();
    }
    return select(policies, kubeLinter);
  }

  private List<Policy> select(List<Policy> policies, @Nullable KubeLinterSelection kubeLinter) {
    try {
      return selection(kubeLinter).apply(policies);
    } catch (InvalidSelectionException e) {
      throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
    }
  }

  private PolicySelection selection(@Nullable KubeLinterSelection kubeLinter) {
    return new PolicySelection(frameworks, kubeLinter, enabled, disabled, generatedIds);
  }

  /**
   * Which of the built-in {@code generatedIds} (policies of {@code framework} produced by the
   * command, not in the pack) the selection leaves on: none when {@code --framework} names other
   * frameworks only, none that {@code --disable} names. {@code --no-defaults} leaves them on: they
   * report what the input itself configures (such as Namespaces' Pod Security labels), not the
   * pack's opinions.
   */
  public Set<String> selectedAmong(List<String> generatedIds, String framework) {
    return new PolicySelection(
            frameworks,
            kubeLinterConfig == null ? null : KubeLinterSelection.DEFAULTS,
            enabled,
            disabled,
            generatedIds)
        .generatedSelected(framework);
  }

  /** The paths given with {@code --policies}. */
  public List<Path> paths() {
    return List.copyOf(policyPaths);
  }
}
