package dev.bulwark.core.workload;

import org.jspecify.annotations.Nullable;

/**
 * Resource requests and limits: CPU in cores, memory in MB (10^6 bytes, as StackRox's policy
 * criteria compare them). Null when not set or not a valid quantity. Read as written: a request is
 * not defaulted to its limit the way the API server does.
 */
public record Resources(
    @Nullable Double cpuRequestCores,
    @Nullable Double cpuLimitCores,
    @Nullable Double memoryRequestMb,
    @Nullable Double memoryLimitMb) {
  public static final Resources NONE = new Resources(null, null, null, null);
}
