/**
 * Scan orchestration: runs the analyzers over an image's layers, caches their results per layer and
 * merges the layers with whiteout semantics into one list of packages.
 */
@NullMarked
package dev.bulwark.scanner.scan;

import org.jspecify.annotations.NullMarked;
