package dev.bulwark.policy.model;

import org.jspecify.annotations.Nullable;

/**
 * A custom rule in CEL, Bulwark's addition to the StackRox model. The expression is evaluated over
 * {@code object} (the Kubernetes object as a map), {@code workload} (the workload view, empty map
 * for objects that run no pods) and {@code container} (once per container when the expression uses
 * it) and must return a bool: {@code true} means the object violates the rule, like a matching
 * criterion. The rule counts as one more OR'ed section of its policy.
 *
 * @param message shown for a violation; {@code messageExpression}, a CEL expression returning a
 *     string, takes precedence when set
 */
public record CelRule(
    String name, String expression, String message, @Nullable String messageExpression) {}
