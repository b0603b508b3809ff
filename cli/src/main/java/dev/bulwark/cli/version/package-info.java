/**
 * {@code bulwark version}: version ordering from the command line, with the same comparators the
 * vulnerability matcher uses, for checking what Bulwark thinks of two versions.
 */
@NullMarked
package dev.bulwark.cli.version;

import org.jspecify.annotations.NullMarked;
