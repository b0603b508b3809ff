/**
 * How the sensor's evaluation knows images: by the digest each container is judged by, with the
 * scan data central has of them ({@code central.CentralImageScans} asks for it).
 */
@NullMarked
package dev.bulwark.sensor.images;

import org.jspecify.annotations.NullMarked;
