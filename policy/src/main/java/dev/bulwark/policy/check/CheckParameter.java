package dev.bulwark.policy.check;

/**
 * One parameter of a native check.
 *
 * @param whenUnset what the check does when a policy does not set the parameter
 */
public record CheckParameter(String name, String description, String whenUnset) {}
