/** The unauthenticated health endpoint. */
@NullMarked
package dev.bulwark.central.health;

import org.jspecify.annotations.NullMarked;
