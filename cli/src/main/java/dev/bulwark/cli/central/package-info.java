/**
 * {@code --central URL} for {@code bulwark check} and {@code bulwark image check}: the options, the
 * HTTPS client that asks central's detection endpoints, and the checks that the options given make
 * sense together.
 */
@NullMarked
package dev.bulwark.cli.central;

import org.jspecify.annotations.NullMarked;
