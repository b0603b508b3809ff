/** Watches the cluster with informers and hands every object and deletion to the inventory. */
@NullMarked
package dev.bulwark.sensor.watch;

import org.jspecify.annotations.NullMarked;
