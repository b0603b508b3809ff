/**
 * PolicyReports ({@code wgpolicyk8s.io/v1alpha2}): one bounded report per namespace with the
 * sensor's results, for Policy Reporter and other readers of the policy working group's format.
 */
@NullMarked
package dev.bulwark.sensor.reports;

import org.jspecify.annotations.NullMarked;
