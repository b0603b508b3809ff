/**
 * The sensor: watches a live cluster, evaluates every change with the policies central enforces,
 * streams the inventory to central, enforces and writes PolicyReports.
 */
@NullMarked
package dev.bulwark.sensor;

import org.jspecify.annotations.NullMarked;
