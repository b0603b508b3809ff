/** Starts and stops central: the HTTPS server, its data directory, the wiring of every feature. */
@NullMarked
package dev.bulwark.central.server;

import org.jspecify.annotations.NullMarked;
