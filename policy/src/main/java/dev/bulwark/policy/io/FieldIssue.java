package dev.bulwark.policy.io;

import dev.bulwark.core.manifest.FieldPath;

/**
 * One problem with one field of a policy or exception, before it is tied to a file: {@code path} is
 * relative to the policy (or exception) object, such as {@code
 * policySections[0].policyGroups[1].values[0]}.
 */
public record FieldIssue(FieldPath path, String reason) {}
