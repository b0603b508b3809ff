package dev.bulwark.policy.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * StackRox's exclusion: a deployment (name regex and/or scope) or an image name that the policy
 * skips, optionally until {@code expiration}.
 */
public record Exclusion(
    String name,
    @Nullable Deployment deployment,
    @Nullable String imageName,
    @Nullable Instant expiration) {
  public record Deployment(@Nullable String name, @Nullable Scope scope) {}
}
