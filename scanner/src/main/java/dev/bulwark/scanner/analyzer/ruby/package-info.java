/** RubyGems analyzer (installed gem specifications). */
@NullMarked
package dev.bulwark.scanner.analyzer.ruby;

import org.jspecify.annotations.NullMarked;
