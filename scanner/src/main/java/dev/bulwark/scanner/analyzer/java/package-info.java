/** Java archive analyzer (jar, war, ear; nested archives). */
@NullMarked
package dev.bulwark.scanner.analyzer.java;

import org.jspecify.annotations.NullMarked;
