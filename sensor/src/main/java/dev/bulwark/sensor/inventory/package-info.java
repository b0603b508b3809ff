/**
 * The cluster's objects as the sensor reports them: cleaned of what must never leave the cluster
 * (Secret data, managed fields, last-applied copies) and kept compactly, one copy each.
 */
@NullMarked
package dev.bulwark.sensor.inventory;

import org.jspecify.annotations.NullMarked;
