package dev.bulwark.policy.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Why a finding is waived: an exception, or the object's inline {@code
 * ignore-check.bulwark.dev/<policy-id>} annotation.
 */
public record Waiver(
    Kind kind,
    String name,
    String reason,
    @Nullable String owner,
    @Nullable String ticket,
    @Nullable Instant expires) {
  public enum Kind {
    EXCEPTION,
    ANNOTATION
  }
}
