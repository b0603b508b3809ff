package dev.bulwark.central.exceptions;

import dev.bulwark.policy.exception.PolicyException;
import java.time.Instant;
import java.util.UUID;

/**
 * A policy exception as central keeps it.
 *
 * @param updatedBy the name of the token that made the last change
 */
public record StoredException(
    UUID id, PolicyException exception, Instant createdAt, Instant updatedAt, String updatedBy) {}
