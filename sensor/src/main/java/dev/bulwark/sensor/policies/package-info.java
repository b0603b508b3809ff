/** The policy set central enforces for this cluster, as the sensor holds it. */
@NullMarked
package dev.bulwark.sensor.policies;

import org.jspecify.annotations.NullMarked;
