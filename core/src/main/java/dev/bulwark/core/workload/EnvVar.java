package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;

/**
 * One environment variable. {@code value} is the raw literal for {@link Source#RAW}, or the
 * reference ("secret-name:key", "configmap:key", the field path) for the others. Reports never
 * print a RAW value: it may be a secret.
 */
public record EnvVar(String name, String value, Source source, FieldPath path) {
  /** Where the value comes from, as StackRox names it. */
  public enum Source {
    RAW,
    SECRET_KEY,
    CONFIG_MAP_KEY,
    FIELD,
    RESOURCE_FIELD,
    UNKNOWN
  }
}
