/** Background jobs that run on one replica at a time, coordinated through the database. */
@NullMarked
package dev.bulwark.central.jobs;

import org.jspecify.annotations.NullMarked;
