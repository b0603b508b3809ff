/** The sensor's deploy-time evaluation of the cluster's deployments, and who hears its verdicts. */
@NullMarked
package dev.bulwark.sensor.evaluation;

import org.jspecify.annotations.NullMarked;
