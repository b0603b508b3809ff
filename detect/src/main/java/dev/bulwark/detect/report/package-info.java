/**
 * The result of a {@code bulwark check} run as an immutable {@link
 * dev.bulwark.detect.report.Report} and the writers that render it as a terminal table, JSON, SARIF
 * 2.1.0 or JUnit XML.
 *
 * <p>The writers know nothing about the engine: the caller fills the model, the writers only render
 * it, in the order the model gives.
 */
@NullMarked
package dev.bulwark.detect.report;

import org.jspecify.annotations.NullMarked;
