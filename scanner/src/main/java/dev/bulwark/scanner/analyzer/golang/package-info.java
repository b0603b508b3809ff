/** Go binary analyzer (embedded build information). */
@NullMarked
package dev.bulwark.scanner.analyzer.golang;

import org.jspecify.annotations.NullMarked;
