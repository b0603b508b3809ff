package dev.bulwark.sensor.enforcement;

import dev.bulwark.policy.model.EnforcementAction;
import dev.bulwark.sensor.evaluation.DeploymentRef;
import java.time.Instant;
import java.util.UUID;

/**
 * One enforcement action the sensor took, or tried and could not take, for central to record on the
 * alert of the deployment and policy.
 *
 * @param id made by the sensor; central records each id once (a record sent again is ignored)
 * @param deployment the deployment acted on
 * @param policyId the violated policy that asked for the action
 * @param action the action
 * @param applied whether the action took effect
 * @param message what was done (such as "scaled from 3 to 0 replicas") or why it was not
 * @param at when
 */
public record EnforcementRecord(
    UUID id,
    DeploymentRef deployment,
    String policyId,
    EnforcementAction action,
    boolean applied,
    String message,
    Instant at) {}
