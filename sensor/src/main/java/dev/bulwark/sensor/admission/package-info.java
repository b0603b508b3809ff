/**
 * Pushes the sensor's enforced policy set to the cluster's admission controllers, through a
 * ConfigMap they mount, so that the webhook and the sensor enforce the same version.
 */
@NullMarked
package dev.bulwark.sensor.admission;

import org.jspecify.annotations.NullMarked;
