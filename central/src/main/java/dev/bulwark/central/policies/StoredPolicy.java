package dev.bulwark.central.policies;

import dev.bulwark.policy.model.Policy;
import java.time.Instant;

/**
 * A policy as central keeps it; whether it is disabled is {@code policy.disabled()}.
 *
 * @param updatedBy the name of the token that made the last change
 */
public record StoredPolicy(Policy policy, Instant createdAt, Instant updatedAt, String updatedBy) {}
