package dev.bulwark.policy.framework;

import dev.bulwark.policy.model.Policy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A framework whose controls policies are tagged with, as {@code <name>:<control id>}. Immutable.
 *
 * @param name the prefix of its tags, lower-case kebab-case
 * @param title how people call it
 * @param description one or two sentences on what it is and how its controls are numbered
 * @param controls every control the framework defines, when Bulwark knows the list; empty when any
 *     id is accepted
 * @param ownDefaults true when the framework itself decides which controls are on by default (then
 *     {@code controls} says which); false when each policy's own {@code disabled} flag decides
 */
public record Framework(
    String name, String title, String description, List<Control> controls, boolean ownDefaults) {
  public Framework {
    controls = List.copyOf(controls);
  }

  /** One control of a framework and whether the framework turns it on by default. */
  public record Control(String id, boolean onByDefault) {}

  /** The tag prefix, {@code <name>:}. */
  public String prefix() {
    return name + ":";
  }

  /** Whether the policy carries a control of this framework. */
  public boolean tags(Policy policy) {
    return policy.controls().stream().anyMatch(control -> control.startsWith(prefix()));
  }

  /** The ids of the policy's controls of this framework, in the policy's order. */
  public List<String> controlsOf(Policy policy) {
    return policy.controls().stream()
        .filter(control -> control.startsWith(prefix()))
        .map(control -> control.substring(prefix().length()))
        .toList();
  }

  /**
   * Whether a run that selects this framework turns the policy on: with the framework's own
   * defaults, when one of the policy's controls is on by default; otherwise by the policy's own
   * flag.
   */
  public boolean enablesByDefault(Policy policy) {
    if (!ownDefaults) {
      return !policy.disabled();
    }
    Set<String> on = new HashSet<>();
    for (Control control : controls) {
      if (control.onByDefault()) {
        on.add(control.id());
      }
    }
    return controlsOf(policy).stream().anyMatch(on::contains);
  }

  /** Whether {@code id} is a control of this framework (any id when the list is unknown). */
  public boolean defines(String id) {
    return controls.isEmpty() || controls.stream().anyMatch(control -> control.id().equals(id));
  }
}
