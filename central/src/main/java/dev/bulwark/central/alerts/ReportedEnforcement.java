package dev.bulwark.central.alerts;

import dev.bulwark.policy.model.EnforcementAction;
import java.time.Instant;
import java.util.UUID;

/**
 * An enforcement record as a sensor reported it, validated.
 *
 * @param subject the deployment acted on (its uid is the key alerts know it by)
 * @param apiVersion the deployment's API version
 */
public record ReportedEnforcement(
    UUID id,
    AlertSubject subject,
    String apiVersion,
    String policyId,
    EnforcementAction action,
    boolean applied,
    String message,
    Instant at) {}
