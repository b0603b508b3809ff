package dev.bulwark.detect.report;

/**
 * A policy that applied to an object but could not be evaluated.
 *
 * @param reason why, such as "needs image data"
 */
public record NotEvaluated(String policy, String policyId, String reason) {}
