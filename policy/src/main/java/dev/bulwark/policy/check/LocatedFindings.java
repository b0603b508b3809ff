package dev.bulwark.policy.check;

/**
 * Where checks judged across the input report violations: the object is gone by then, so each
 * violation names a field located while the object was read.
 */
@FunctionalInterface
public interface LocatedFindings {
  void violation(String message, LocatedField field);
}
