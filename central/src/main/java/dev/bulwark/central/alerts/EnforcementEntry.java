package dev.bulwark.central.alerts;

import dev.bulwark.policy.model.EnforcementAction;
import java.time.Instant;
import java.util.UUID;

/**
 * One enforcement action a sensor reported, as an alert shows it.
 *
 * @param id the sensor's id of the record
 * @param action the action
 * @param applied whether it took effect
 * @param message what was done, or why not
 * @param at when the sensor acted
 */
public record EnforcementEntry(
    UUID id, EnforcementAction action, boolean applied, String message, Instant at) {}
