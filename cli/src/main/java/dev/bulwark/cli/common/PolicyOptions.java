package dev.bulwark.cli.common;

import dev.bulwark.core.text.Suggestions;
import dev.bulwark.policy.builtin.BuiltinPolicies;
import dev.bulwark.policy.framework.Framework;
import dev.bulwark.policy.framework.Frameworks;
import dev.bulwark.policy.io.PolicyReader;
import dev.bulwark.policy.kubelinter.KubeLinterConfig;
import dev.bulwark.policy.kubelinter.KubeLinterSelection;
import dev.bulwark.policy.model.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
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
  private static final String KUBE_LINTER = "kube-linter";

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

  /**
   * Narrows to the chosen frameworks, each deciding which of its policies are on, then applies
   * {@code --enable} and {@code --disable}. A kube-linter configuration's selection replaces
   * kube-linter's defaults.
   */
  private List<Policy> select(List<Policy> policies, @Nullable KubeLinterSelection kubeLinter) {
    for (String id : enabled) {
      requireKnown(id, policies, "--enable");
    }
    for (String id : disabled) {
      requireKnown(id, policies, "--disable");
    }
    Map<Framework, Predicate<Policy>> chosen = new LinkedHashMap<>();
    for (String name : frameworks) {
      Framework framework = framework(name, policies);
      chosen.put(framework, framework::enablesByDefault);
    }
    if (kubeLinter != null) {
      Framework framework = Frameworks.byName(KUBE_LINTER).orElseThrow();
      chosen.put(framework, policy -> kubeLinter.enables(policy, framework));
    }
    List<Policy> selected = new ArrayList<>();
    for (Policy policy : policies) {
      boolean inFrameworks =
          chosen.isEmpty()
              || chosen.keySet().stream().anyMatch(framework -> framework.tags(policy));
      if (names(policy, disabled)) {
        if (inFrameworks) {
          selected.add(policy.withDisabled(true));
        }
      } else if (names(policy, enabled)) {
        selected.add(policy.withDisabled(false));
      } else if (inFrameworks) {
        boolean on =
            chosen.isEmpty()
                ? !policy.disabled()
                : chosen.entrySet().stream()
                    .anyMatch(
                        entry -> entry.getKey().tags(policy) && entry.getValue().test(policy));
        selected.add(policy.withDisabled(!on));
      }
    }
    return selected;
  }

  /**
   * A framework Bulwark knows, or one that only the loaded policy files use (whose policies keep
   * their own defaults).
   */
  private Framework framework(String name, List<Policy> policies) {
    Optional<Framework> known = Frameworks.byName(name);
    if (known.isPresent()) {
      return known.get();
    }
    Framework adHoc =
        new Framework(
            name.toLowerCase(Locale.ROOT),
            name,
            "Controls of the loaded policies.",
            List.of(),
            false);
    if (policies.stream().anyMatch(adHoc::tags)) {
      return adHoc;
    }
    Set<String> names = frameworks(policies);
    throw usageError(
        "--framework "
            + name
            + ": unknown framework"
            + Suggestions.closest(name, names)
                .map(match -> "; did you mean " + match + "?")
                .orElse("")
            + "; known: "
            + String.join(", ", names));
  }

  /**
   * Which of the built-in {@code generatedIds} (policies of {@code framework} produced by the
   * command, not in the pack) the selection leaves on: none when {@code --framework} names other
   * frameworks only, none that {@code --disable} names. {@code --no-defaults} leaves them on: they
   * report what the input itself configures (such as Namespaces' Pod Security labels), not the
   * pack's opinions.
   */
  public Set<String> selectedAmong(List<String> generatedIds, String framework) {
    List<String> chosen = new ArrayList<>();
    frameworks.forEach(name -> chosen.add(name.toLowerCase(Locale.ROOT)));
    if (kubeLinterConfig != null) {
      chosen.add(KUBE_LINTER);
    }
    if (!chosen.isEmpty() && !chosen.contains(framework)) {
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

  /** The frameworks Bulwark knows and those the policies' controls name. */
  private static Set<String> frameworks(List<Policy> policies) {
    Set<String> names = new TreeSet<>();
    Frameworks.all().forEach(framework -> names.add(framework.name()));
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
