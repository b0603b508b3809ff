/** OS detection and package analyzers over an image's files. */
@NullMarked
package dev.bulwark.scanner.analyzer;

import org.jspecify.annotations.NullMarked;
