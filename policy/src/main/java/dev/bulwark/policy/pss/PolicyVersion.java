package dev.bulwark.policy.pss;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Pod Security Standards policy version: {@code v1.N} (the policy as it was in Kubernetes 1.N) or
 * {@code latest}.
 *
 * <p>Versions newer than the newest policy change known here are accepted and evaluated as the
 * newest, as the admission plugin of this release does; {@code latest} always means the newest.
 *
 * @param minor the Kubernetes minor version; for {@code latest}, the newest known here
 * @param isLatest whether this is {@code latest}, which stays distinct from the version it means
 */
public record PolicyVersion(int minor, boolean isLatest) {
  private static final Pattern VERSION = Pattern.compile("v1\\.(0|[1-9][0-9]*)");

  public PolicyVersion {
    if (minor < 0) {
      throw new IllegalArgumentException("minor version must not be negative: " + minor);
    }
  }

  /** {@code latest}: the newest policy version. */
  public static PolicyVersion latest() {
    return new PolicyVersion(PodSecurityChecks.newestMinor(), true);
  }

  /** {@code v1.minor}. */
  public static PolicyVersion of(int minor) {
    return new PolicyVersion(minor, false);
  }

  /**
   * Reads {@code latest} or {@code v1.N} (no leading zeros, as in namespace labels).
   *
   * @throws IllegalArgumentException with a message saying what is accepted
   */
  public static PolicyVersion parse(String text) {
    if (text.equals("latest")) {
      return latest();
    }
    Matcher matcher = VERSION.matcher(text);
    if (matcher.matches()) {
      try {
        return of(Integer.parseInt(matcher.group(1)));
      } catch (NumberFormatException e) {
        // Too many digits for an int: reported below like any other bad version.
      }
    }
    throw new IllegalArgumentException(
        "unknown Pod Security version \""
            + text
            + "\": use latest or v1.N, such as v1."
            + PodSecurityChecks.newestMinor());
  }

  /** The minor version whose policy applies: this one, or the newest known when it is newer. */
  public int effectiveMinor() {
    return Math.min(minor, PodSecurityChecks.newestMinor());
  }

  /** The version this one is evaluated as: {@code v1.37} for {@code latest}, say. */
  public PolicyVersion effective() {
    return of(effectiveMinor());
  }

  /** {@code latest} or {@code v1.N}. */
  @Override
  public String toString() {
    return isLatest ? "latest" : "v1." + minor;
  }
}
