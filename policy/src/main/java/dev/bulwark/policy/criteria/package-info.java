/**
 * One evaluator per StackRox policy criterion: each parses its group's values once (regexes,
 * comparators, key=value pairs, booleans, enums) and then tests one subject (the workload, a
 * container, or one volume mount, port, environment variable, image component, vulnerability or
 * Dockerfile line of a container). The engine links the subjects; criteria know nothing of
 * sections, policies or waivers.
 *
 * <p>String values are RE2 regular expressions matched against the whole text, ignoring case, as
 * StackRox's policy engine matches them (whole-string, case-insensitive matchers for every regex
 * criterion). A leading {@code r/} (StackRox's regex marker, found in some exported policies) is
 * accepted and dropped.
 */
@NullMarked
package dev.bulwark.policy.criteria;

import org.jspecify.annotations.NullMarked;
