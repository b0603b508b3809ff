/** Test helpers: a recording stand-in for central and Kubernetes objects. */
@NullMarked
package dev.bulwark.sensor.testing;

import org.jspecify.annotations.NullMarked;
