package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;

/** Where a check reports violations: a message and the field it is about. */
@FunctionalInterface
public interface Findings {
  void violation(String message, FieldPath path);
}
