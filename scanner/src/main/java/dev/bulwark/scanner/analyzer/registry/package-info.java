/** The explicit list of every analyzer. */
@NullMarked
package dev.bulwark.scanner.analyzer.registry;

import org.jspecify.annotations.NullMarked;
