/**
 * The PostgreSQL database: embedded (zonky binaries in the data directory) or external, a
 * connection pool, Flyway migrations and JDBI.
 */
@NullMarked
package dev.bulwark.central.storage;

import org.jspecify.annotations.NullMarked;
