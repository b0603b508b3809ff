package dev.bulwark.admission.images;

/**
 * What an enforced policy that needs image data does when there is none in time: admit with a
 * warning (fail-open, the default, so that a slow scanner never blocks deployments), or deny
 * (fail-closed, for clusters where an unscanned image must not run).
 */
public enum MissingImageData {
  FAIL_OPEN,
  FAIL_CLOSED
}
