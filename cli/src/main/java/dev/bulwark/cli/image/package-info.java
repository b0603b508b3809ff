/** {@code bulwark image}: commands on container images. */
@NullMarked
package dev.bulwark.cli.image;

import org.jspecify.annotations.NullMarked;
