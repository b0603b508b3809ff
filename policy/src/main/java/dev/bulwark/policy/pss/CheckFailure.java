package dev.bulwark.policy.pss;

import dev.bulwark.core.manifest.FieldPath;

/**
 * Why one check rejects a pod.
 *
 * @param message what is wrong, starting with the short reason the admission plugin gives
 * @param path the first offending field (or its closest parent when the fault is a missing field)
 */
record CheckFailure(String message, FieldPath path) {}
