/** Python distribution metadata analyzer (dist-info, egg-info). */
@NullMarked
package dev.bulwark.scanner.analyzer.python;

import org.jspecify.annotations.NullMarked;
