/** {@code bulwark central}: the command that starts the server. */
@NullMarked
package dev.bulwark.central;

import org.jspecify.annotations.NullMarked;
