package dev.bulwark.policy.model;

/** Policy severity, lowest first. StackRox writes these as {@code LOW_SEVERITY} etc. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
