package dev.bulwark.policy.model;

import java.util.Map;

/**
 * A native check named by a policy, Bulwark's addition to the StackRox model: {@code check} is the
 * id of a check in the registry ({@code dev.bulwark.policy.check.NativeChecks}), {@code parameters}
 * its settings. The check counts as one more OR'ed section of its policy.
 */
public record CheckReference(String check, Map<String, String> parameters) {
  public CheckReference {
    parameters = Map.copyOf(parameters);
  }
}
