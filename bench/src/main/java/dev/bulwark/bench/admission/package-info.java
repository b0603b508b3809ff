/**
 * Macro benchmark of the admission controller: an open-loop load generator that sends realistic
 * AdmissionReviews over HTTPS on loopback and reports throughput and latency percentiles.
 */
@NullMarked
package dev.bulwark.bench.admission;

import org.jspecify.annotations.NullMarked;
