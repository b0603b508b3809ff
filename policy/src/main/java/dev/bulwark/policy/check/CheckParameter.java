package dev.bulwark.policy.check;

import org.jspecify.annotations.Nullable;

/**
 * One parameter of a native check.
 *
 * @param whenUnset what the check does when a policy does not set the parameter
 * @param example a valid value of a parameter every policy must set; null for optional parameters
 */
public record CheckParameter(
    String name, String description, String whenUnset, @Nullable String example) {

  /** An optional parameter. */
  public CheckParameter(String name, String description, String whenUnset) {
    this(name, description, whenUnset, null);
  }

  /**
   * A parameter every policy using the check must set; {@code example} is a valid value, with which
   * the registry proves at start-up that the check binds.
   */
  public static CheckParameter required(String name, String description, String example) {
    return new CheckParameter(
        name, description, "the policy is invalid: the parameter is required", example);
  }

  public boolean isRequired() {
    return example != null;
  }
}
