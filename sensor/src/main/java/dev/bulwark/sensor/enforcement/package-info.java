/** Enforcement with Kubernetes' own actions, and the record of every action taken. */
@NullMarked
package dev.bulwark.sensor.enforcement;

import org.jspecify.annotations.NullMarked;
