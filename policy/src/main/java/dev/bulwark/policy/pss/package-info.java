/**
 * Pod Security Standards as the Kubernetes PodSecurity admission plugin enforces them: the
 * privileged, baseline and restricted levels at every policy version from v1.0 to the newest, with
 * the plugin's check IDs and version-specific behaviour.
 *
 * <p>{@link dev.bulwark.policy.pss.PodSecurityStandards} evaluates the pod spec of a Pod or of any
 * pod template at a {@link dev.bulwark.policy.pss.LevelVersion}; {@link
 * dev.bulwark.policy.pss.PodSecurityChecks} is the explicit registry of checks; {@link
 * dev.bulwark.policy.pss.NamespacePodSecurity} reads a Namespace's {@code
 * pod-security.kubernetes.io/*} labels the way the admission plugin does. Everything here is
 * immutable, thread-safe and pure.
 */
@NullMarked
package dev.bulwark.policy.pss;

import org.jspecify.annotations.NullMarked;
