package dev.bulwark.policy.cel;

import dev.bulwark.core.manifest.FieldPath;

/**
 * One CEL rule that returned true: its message and the path it concerns (the container's path when
 * the rule ran per container, else the object root).
 */
public record CelMatch(String ruleName, String message, FieldPath path) {}
