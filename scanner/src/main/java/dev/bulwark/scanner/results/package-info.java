/**
 * Scan results by image digest: a service that resolves references to digests and scans each
 * distinct image once (in parallel, one scan per digest however many ask at once), and the on-disk
 * store of its results ({@code ~/.cache/bulwark/scans}) that later runs and the admission
 * controller read.
 */
@NullMarked
package dev.bulwark.scanner.results;

import org.jspecify.annotations.NullMarked;
