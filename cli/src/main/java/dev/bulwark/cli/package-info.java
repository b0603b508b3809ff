/** The {@code bulwark} command line. */
@NullMarked
package dev.bulwark.cli;

import org.jspecify.annotations.NullMarked;
