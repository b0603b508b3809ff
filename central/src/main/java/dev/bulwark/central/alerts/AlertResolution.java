package dev.bulwark.central.alerts;

/** Why an alert was resolved. */
public enum AlertResolution {
  /**
   * An evaluation of the deployment no longer violates the policy: it was fixed, or the policy is
   * no longer evaluated (disabled or deleted).
   */
  FIXED,
  /** The deployment was deleted from its cluster. */
  DELETED,
  /** Someone resolved it through the API, with a comment. */
  MANUAL
}
