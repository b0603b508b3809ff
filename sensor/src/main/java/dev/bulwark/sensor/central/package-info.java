/**
 * The sensor's connection to central: numbered inventory batches through a durable journal,
 * resyncs, heartbeats, enforcement records and the HTTPS client they share.
 */
@NullMarked
package dev.bulwark.sensor.central;

import org.jspecify.annotations.NullMarked;
