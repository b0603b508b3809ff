package dev.bulwark.policy.kubeevent;

import dev.bulwark.policy.model.Policy;

/**
 * A policy that the event violates.
 *
 * @param enforced true when the policy fails the request ({@code FAIL_KUBE_REQUEST_ENFORCEMENT})
 */
public record KubeEventMatch(Policy policy, String message, boolean enforced) {}
