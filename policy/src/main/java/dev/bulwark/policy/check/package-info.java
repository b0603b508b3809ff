/**
 * Native checks: policy logic written in Java for what StackRox's criteria cannot say, referenced
 * from a policy's {@code checks} by id. The registry ({@link NativeChecks}) lists every check
 * explicitly and validates it when the class loads; checks are bound once per policy with their
 * parameters and then evaluated purely, like compiled criteria: per object, per container, or
 * across the input (the checks about references between objects, judged against an {@link
 * dev.bulwark.core.context.InputIndex} once every object has been read; ADR 9).
 *
 * <p>Native checks exist beside CEL rules because they cost nothing at start-up: the built-in pack
 * uses them so that a default {@code bulwark check} never starts a CEL interpreter.
 */
@NullMarked
package dev.bulwark.policy.check;

import org.jspecify.annotations.NullMarked;
