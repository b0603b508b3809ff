/** Registered clusters, their sensor tokens and their status (last contact, sensor version). */
@NullMarked
package dev.bulwark.central.clusters;

import org.jspecify.annotations.NullMarked;
