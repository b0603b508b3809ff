/**
 * Macro benchmark of central's alerts: alert upserts per second through the reconciler on the
 * embedded PostgreSQL, and the latency of a filtered page of alerts over HTTPS with many alerts
 * stored.
 */
@NullMarked
package dev.bulwark.bench.alerts;

import org.jspecify.annotations.NullMarked;
