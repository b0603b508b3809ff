package dev.bulwark.policy.selection;

import dev.bulwark.core.text.Suggestions;
import dev.bulwark.policy.framework.Framework;
import dev.bulwark.policy.framework.Frameworks;
import dev.bulwark.policy.kubelinter.KubeLinterSelection;
import dev.bulwark.policy.model.Policy;
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

/**
 * Chooses the policies that run. A policy's {@code disabled} flag means "off unless enabled".
 * {@code frameworks} keep the policies tagged with a control of one of them, on as the framework
 * turns them on when it decides its own defaults (kube-linter: exactly its default checks),
 * otherwise by their own flag; a kube-linter configuration's selection replaces kube-linter's
 * defaults. {@code enabled} turns a policy on even outside the frameworks; {@code disabled} wins
 * over everything. Names are policy ids or names (names ignoring case).
 *
 * @param generatedIds built-in policies that are not among the loaded ones (their findings are
 *     produced by the application itself) but that {@code enabled} and {@code disabled} may name
 */
public record PolicySelection(
    List<String> frameworks,
    @Nullable KubeLinterSelection kubeLinter,
    List<String> enabled,
    List<String> disabled,
    List<String> generatedIds) {
  private static final String KUBE_LINTER = "kube-linter";

  public PolicySelection {
    frameworks = List.copyOf(frameworks);
    enabled = List.copyOf(enabled);
    disabled = List.copyOf(disabled);
    generatedIds = List.copyOf(generatedIds);
  }

  /** Every policy by its own flag. */
  public static PolicySelection defaults() {
    return new PolicySelection(List.of(), null, List.of(), List.of(), List.of());
  }

  /**
   * The policies in their order, those outside the chosen frameworks dropped and the others with
   * their {@code disabled} flag set as the selection decides.
   *
   * @throws InvalidSelectionException when a framework or a named policy matches nothing
   */
  public List<Policy> apply(List<Policy> policies) {
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
    KubeLinterSelection linter = kubeLinter;
    if (linter != null) {
      Framework framework = Frameworks.byName(KUBE_LINTER).orElseThrow();
      chosen.put(framework, policy -> linter.enables(policy, framework));
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
   * Which of the {@link #generatedIds} of {@code framework} the selection leaves on: none when the
   * frameworks chosen are others only, none that {@code disabled} names.
   */
  public Set<String> generatedSelected(String framework) {
    List<String> chosen = new ArrayList<>();
    frameworks.forEach(name -> chosen.add(name.toLowerCase(Locale.ROOT)));
    if (kubeLinter != null) {
      chosen.add(KUBE_LINTER);
    }
    if (!chosen.isEmpty() && !chosen.contains(framework)) {
      return Set.of();
    }
    Set<String> selected = new TreeSet<>(generatedIds);
    selected.removeAll(disabled);
    return selected;
  }

  /**
   * A framework Bulwark knows, or one that only the loaded policy files use (whose policies keep
   * their own defaults).
   */
  private static Framework framework(String name, List<Policy> policies) {
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
    Set<String> names = frameworkNames(policies);
    throw new InvalidSelectionException(
        "--framework "
            + name
            + ": unknown framework"
            + Suggestions.closest(name, names)
                .map(match -> "; did you mean " + match + "?")
                .orElse("")
            + "; known: "
            + String.join(", ", names));
  }

  private void requireKnown(String id, List<Policy> policies, String option) {
    if (policies.stream().anyMatch(policy -> names(policy, List.of(id)))
        || generatedIds.contains(id)) {
      return;
    }
    List<String> ids = new ArrayList<>(policies.stream().map(Policy::id).toList());
    ids.addAll(generatedIds);
    throw new InvalidSelectionException(
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
  private static Set<String> frameworkNames(List<Policy> policies) {
    Set<String> names = new TreeSet<>();
    Frameworks.all().forEach(framework -> names.add(framework.name()));
    for (Policy policy : policies) {
      for (String control : policy.controls()) {
        names.add(control.substring(0, control.indexOf(':')));
      }
    }
    return names;
  }
}
