/**
 * The inventory: what sensors report of their clusters (ingestion with sequence numbers, full
 * resyncs), the deployments, namespaces and images central derives from it, the evaluation of every
 * deployment with the enabled policies (reported to the alerts feature), the reprocessing job and
 * the read API.
 */
@NullMarked
package dev.bulwark.central.inventory;

import org.jspecify.annotations.NullMarked;
