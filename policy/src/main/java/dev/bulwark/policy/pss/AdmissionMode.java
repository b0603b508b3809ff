package dev.bulwark.policy.pss;

import java.util.Locale;

/** What the admission plugin does with a pod that fails a namespace's level. */
public enum AdmissionMode {
  /** The pod is rejected. */
  ENFORCE,
  /** The request is allowed and the violation recorded in the audit log. */
  AUDIT,
  /** The request is allowed and the client shown a warning. */
  WARN;

  private static final String PREFIX = "pod-security.kubernetes.io/";

  /** {@code enforce}, {@code audit} or {@code warn}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The namespace label that sets the level, such as {@code pod-security.kubernetes.io/enforce}.
   */
  public String levelLabel() {
    return PREFIX + label();
  }

  /**
   * The label that sets the version, such as {@code pod-security.kubernetes.io/enforce-version}.
   */
  public String versionLabel() {
    return PREFIX + label() + "-version";
  }

  @Override
  public String toString() {
    return label();
  }
}
