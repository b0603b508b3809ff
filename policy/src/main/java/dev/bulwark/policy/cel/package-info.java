/**
 * Custom policy rules in CEL over {@code object}, {@code workload} and {@code container}: compiled
 * once per policy, evaluated purely.
 */
@NullMarked
package dev.bulwark.policy.cel;

import org.jspecify.annotations.NullMarked;
