package dev.bulwark.central.alerts;

/** Where an alert is in its lifecycle. */
public enum AlertState {
  /** The deployment violates the policy now. */
  ACTIVE,
  /** It no longer does: fixed, deleted, or resolved by hand. A new violation opens a new alert. */
  RESOLVED,
  /** Admission denied the object; nothing ran, and the alert never changes. */
  ATTEMPTED
}
