package dev.bulwark.core.workload;

import dev.bulwark.core.manifest.FieldPath;

/**
 * One environment variable. {@code value} is the raw literal for {@link Source#RAW}, or the
 * reference ("secret-name:key", "configmap:key", the field path, the resource) for the others.
 * Reports never print a RAW value: it may be a secret.
 *
 * <p>An {@code envFrom} entry, which imports every key of a Secret or ConfigMap, is one variable
 * named by its prefix followed by {@code *} (just {@code *} without prefix), with the Secret or
 * ConfigMap name as value; its path ends in {@code envFrom[i]}. Such entries follow the {@code env}
 * entries.
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
