/**
 * Alerts: the lifecycle of policy violations (ACTIVE while a deployment violates a policy, RESOLVED
 * when fixed, deleted or resolved by hand, ATTEMPTED for admission denials), their storage and API.
 * The inventory reports evaluations through {@link AlertReconciler}; changes are published to
 * {@link AlertEventListener}s inside the transaction that made them.
 */
@NullMarked
package dev.bulwark.central.alerts;

import org.jspecify.annotations.NullMarked;
